using Microsoft.Playwright;

namespace MeshPortal.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Blazor Server prerenders, then connects its circuit; a click before that is lost. The layout marks
    /// itself data-interactive="true" once the circuit runs.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive=true]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

    /// <summary>Opens a portal page and waits until it is interactive. Returns the HTTP response of the document.</summary>
    public static async Task<IResponse?> GotoInteractiveAsync(this IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
        return response;
    }

    /// <summary>Signs in through the persona page, as a visitor does, and waits for the interactive home page.</summary>
    public static async Task SignInAsync(this IPage page, string username)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"[data-testid=signin-{username}]").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.WaitForInteractiveAsync();
    }
}

using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Accessibility;

/// <summary>axe-core on the main pages: no critical or serious violation.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal)
{
    private static readonly string[] Blocking = ["critical", "serious"];

    public static TheoryData<string> Pages =>
    [
        "/",
        "/domains",
        "/domains/sales",
        "/quanta",
        "/quanta/{seeded}",
        "/quanta/new?domain=sales",
        "/job-runs",
    ];

    [Fact]
    public async Task SignInPage_HasNoSeriousViolations()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/account/signin");
        Assert.Equal(200, response!.Status);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousViolations(string path)
    {
        if (path.Contains("{seeded}"))
            path = path.Replace("{seeded}", (await portal.Api("sales-owner").ListQuantaAsync("sales")).First().Id.ToString());

        var page = await portal.NewSignedInPageAsync("sales-owner");
        var response = await page.GotoInteractiveAsync(path);
        Assert.Equal(200, response!.Status);
        await page.Locator("h1").First.WaitForAsync();
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The theme follows the operating system until the user picks one: dark must be as readable.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/quanta/{seeded}")]
    [InlineData("/job-runs")]
    public async Task Page_InDarkMode_HasNoSeriousViolations(string path)
    {
        if (path.Contains("{seeded}"))
            path = path.Replace("{seeded}", (await portal.Api("sales-owner").ListQuantaAsync("sales")).First().Id.ToString());

        var page = await portal.NewSignedInPageAsync("sales-owner", ColorScheme.Dark);
        await page.GotoInteractiveAsync(path);
        await page.Locator("h1").First.WaitForAsync();
        // The layout switches to dark after the circuit starts; wait until the page really is dark.
        await page.WaitForFunctionAsync("""
            () => {
              const [r, g, b] = getComputedStyle(document.querySelector('.mud-main-content') ?? document.body).backgroundColor.match(/\d+/g).map(Number);
              return (0.2126 * r + 0.7152 * g + 0.0722 * b) < 96;
            }
            """);
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300); // let MudBlazor's transitions settle so colours are final
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"Accessibility violations on {url}:");
        foreach (var v in violations)
        {
            text.Append($"\n- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(5))
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                text.Append($"\n    at {node.Target}: {node.Html}\n      {string.Join(" / ", checks)}");
            }
            if (v.Nodes.Length > 5) text.Append($"\n    … and {v.Nodes.Length - 5} more");
        }
        return text.ToString();
    }
}

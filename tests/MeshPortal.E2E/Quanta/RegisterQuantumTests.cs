using System.Text.RegularExpressions;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Quanta;

[Collection(PortalCollection.Name)]
public sealed class RegisterQuantumTests(PortalFixture portal)
{
    [Fact]
    public async Task DataProductOwner_RegistersQuantum_AndFindsItOnTheDomainPage()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("sales-owner");

        var slug = ApiExtensions.UniqueSlug("returns-daily");
        var name = $"Returns daily {slug[^8..]}";

        await page.GotoInteractiveAsync("/quanta/new?domain=sales");
        await FillAsync(page, "Name", name);
        await FillAsync(page, "Slug", slug);
        await FillAsync(page, "Description", "Every **returned order line**, one row per line, refreshed daily.");
        await ChooseTierAsync(page, "Silver");
        await page.Locator("[data-testid=register-quantum]").ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/quanta/[0-9a-fA-F-]{36}$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name);
        var saved = await portal.Api("sales-owner").GetQuantumAsync(Guid.Parse(new Uri(page.Url).Segments[^1]));
        Assert.Equal(("sales", slug, "silver"), (saved.Domain, saved.Slug, saved.Tier));

        await page.GotoInteractiveAsync("/domains/sales");
        await Assertions.Expect(page.GetByText(name).First).ToBeVisibleAsync();
    }

    // MudBlazor text fields commit their value on change, so leave each field after typing.
    private static async Task FillAsync(IPage page, string label, string value)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>The tier is a MudSelect (a popover list) or a native select; either way pick by its text.</summary>
    private static async Task ChooseTierAsync(IPage page, string tier)
    {
        var field = page.GetByLabel("Tier", new() { Exact = true });
        if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await field.SelectOptionAsync(new SelectOptionValue { Label = tier });
            return;
        }
        // MudSelect opens on a click on its input container.
        await page.Locator(".mud-select").Filter(new() { Has = field }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{tier}\\s*$", RegexOptions.IgnoreCase) }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}

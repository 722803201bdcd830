using System.Text.RegularExpressions;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Contracts;

/// <summary>
/// A data product owner's whole path through a contract's life in the browser: author it in the wizard, publish 1.0.0,
/// write a version that removes a property, see 1.1.0 refused by the semver check, renumber it 2.0.0 and publish it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ContractLifecycleTests(PortalFixture portal)
{
    private const int SaveTimeout = 15_000;

    [Fact]
    public async Task Owner_AuthorsPublishesAndVersions_WithTheBreakingChangeCheck()
    {
        var page = await portal.NewSignedInPageAsync("sales-owner");
        var id = ApiExtensions.UniqueSlug("e2e-orders");

        // Author 1.0.0 in the wizard: fundamentals, then one object with two properties.
        await page.GotoInteractiveAsync("/contracts/new?domain=sales");
        await FillAsync(page, "#wizard-name", $"E2E orders {id[^8..]}");
        await FillAsync(page, "#wizard-id", id);
        await NextAsync(page, "Saved draft 1.0.0 · revision 1");
        await page.Locator("[data-testid=add-object]").First.ClickAsync();
        await FillAsync(page, "#wizard-schema-0-name", "orders");
        await FillAsync(page, "#wizard-schema-0-properties-0-name", "order_id");
        await page.Locator("[data-testid=add-property-0]").ClickAsync();
        await FillAsync(page, "#wizard-schema-0-properties-1-name", "amount");
        await NextAsync(page, "revision 2");
        await NextAsync(page, "revision 3"); // quality rules
        await NextAsync(page, "revision 4"); // SLA
        await NextAsync(page, "revision 5"); // team & roles
        await Assertions.Expect(page.Locator("[data-testid=review-yaml]")).ToContainTextAsync("amount");
        await page.Locator("[data-testid=wizard-finish]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/contracts/{id}/versions/1\\.0\\.0$"), new() { Timeout = SaveTimeout });

        // Publish 1.0.0.
        await page.GotoInteractiveAsync($"/contracts/{id}");
        await PublishAsync(page, "1.0.0");
        await Assertions.Expect(page.Locator("[data-testid='version-status-1.0.0']")).ToContainTextAsync("active", new() { Timeout = SaveTimeout });

        // A new version from it, without "amount": the wizard proposes 1.1.0.
        await page.Locator("[data-testid='new-version-1.0.0']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/contracts/new\\?from="), new() { Timeout = SaveTimeout });
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#wizard-version")).ToHaveValueAsync("1.1.0", new() { Timeout = SaveTimeout });
        await NextAsync(page, "Saved draft 1.1.0 · revision 1");
        await page.Locator("[data-testid=remove-property-1]").ClickAsync();
        await Assertions.Expect(page.Locator("#wizard-schema-0-properties-1-name")).ToHaveCountAsync(0);
        await NextAsync(page, "revision 2");

        // Publishing it as 1.1.0 is refused: removing a property breaks consumers.
        await page.GotoInteractiveAsync($"/contracts/{id}");
        await PublishAsync(page, "1.1.0");
        var refusal = page.Locator("[data-testid=publish-refusal]");
        await Assertions.Expect(refusal).ToBeVisibleAsync(new() { Timeout = SaveTimeout });
        await Assertions.Expect(refusal).ToContainTextAsync("major");
        await Assertions.Expect(page.Locator("[data-testid=blocking-changes]")).ToContainTextAsync("amount");
        await Assertions.Expect(page.Locator("[data-testid='version-status-1.1.0']")).ToContainTextAsync("draft");

        // Renumber the draft 2.0.0 in the wizard, then publish it.
        await page.Locator("[data-testid=fix-version]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/versions/1\\.1\\.0/wizard$"), new() { Timeout = SaveTimeout });
        await page.WaitForInteractiveAsync();
        await FillAsync(page, "#wizard-version", "2.0.0");
        await NextAsync(page, "Saved draft 2.0.0");
        await page.GotoInteractiveAsync($"/contracts/{id}");
        await PublishAsync(page, "2.0.0");
        await Assertions.Expect(page.Locator("[data-testid='version-status-2.0.0']")).ToContainTextAsync("active", new() { Timeout = SaveTimeout });
        await Assertions.Expect(page.Locator("[data-testid=view-active]")).ToContainTextAsync("2.0.0");
        // The previous major stays active until its owners deprecate it, so consumers can move at their pace.
        await Assertions.Expect(page.Locator("[data-testid='version-status-1.0.0']")).ToContainTextAsync("active");

        await page.Context.CloseAsync();
    }

    // MudBlazor text fields commit their value on change, so leave each field after typing.
    private static async Task FillAsync(IPage page, string selector, string value)
    {
        var field = page.Locator(selector);
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>Leaves the step with "Save &amp; next" and waits until the draft is saved.</summary>
    private static async Task NextAsync(IPage page, string saved)
    {
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-status]")).ToContainTextAsync(saved, new() { Timeout = SaveTimeout });
    }

    private static async Task PublishAsync(IPage page, string version)
    {
        await page.Locator($"[data-testid='publish-{version}']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }
}

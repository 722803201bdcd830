using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Contracts;

[Collection(PortalCollection.Name)]
public sealed class ZzScratchScreens(PortalFixture portal)
{
    [Fact]
    public async Task Shots()
    {
        var page = await portal.NewSignedInPageAsync("sales-owner");
        async Task Shot(string url, string name, Func<Task>? before = null)
        {
            await page.GotoInteractiveAsync(url);
            await page.WaitForTimeoutAsync(1200);
            if (before is not null) await before();
            await page.WaitForTimeoutAsync(500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{name}.png", FullPage = false });
        }
        Directory.CreateDirectory("/tmp/shots");
        await Shot("/contracts", "01-list");
        await Shot("/contracts/sales-orders", "02-contract");
        await Shot("/contracts/sales-orders/versions/1.1.0", "03-version");
        await Shot("/contracts/sales-orders/versions/1.1.0", "04-version-schema", () => page.GetByRole(AriaRole.Tab, new() { Name = "Schema" }).ClickAsync());
        await Shot("/contracts/sales-orders/versions/1.1.0", "05-version-quality", () => page.GetByRole(AriaRole.Tab, new() { Name = "Quality" }).ClickAsync());
        await Shot("/contracts/sales-orders/versions/1.1.0", "06-version-yaml", () => page.GetByRole(AriaRole.Tab, new() { Name = "YAML" }).ClickAsync());
        await Shot("/contracts/sales-orders/diff?from=1.0.0&to=1.1.0", "07-diff");
        await Shot("/contracts/new?domain=sales&template=event-stream", "08-wizard");
        await Shot("/contracts/new?from=sales-orders&version=1.1.0", "09-wizard-schema", async () =>
        {
            await page.Locator("[data-testid=wizard-next]").ClickAsync();
            await page.WaitForTimeoutAsync(1500);
        });
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/10-wizard-quality.png", FullPage = false });
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/11-wizard-sla.png", FullPage = false });
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/12-wizard-team.png", FullPage = false });
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = "/tmp/shots/13-wizard-review.png", FullPage = false });
        await Shot("/contracts/sales-orders/versions/1.2.0/edit", "14-yaml-editor");
        await Shot("/contracts", "15-upload", () => page.Locator("[data-testid=upload-contract]").ClickAsync());
        await Shot("/contracts/customer-360", "16-child");
        await Shot("/contracts/customer-core/versions/1.0.0", "17-parent");
        await page.Context.CloseAsync();
    }
}

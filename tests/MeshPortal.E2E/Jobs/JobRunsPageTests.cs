using System.Text.Json;
using System.Text.RegularExpressions;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Jobs;

/// <summary>The Jobs page in the browser, on the demo mesh's runs: filter it, and follow a run to its quantum.</summary>
[Collection(PortalCollection.Name)]
public sealed class JobRunsPageTests(PortalFixture portal)
{
    [Fact]
    public async Task Member_FiltersTheRuns_AndFollowsOneToItsQuantumsDataTab()
    {
        await DemoRunsAsync();
        var page = await portal.NewSignedInPageAsync("sales-owner");
        try
        {
            await page.GotoInteractiveAsync("/job-runs");
            await Assertions.Expect(page.Locator("tr[data-kind]").First).ToBeVisibleAsync();

            await page.Locator("[data-testid=filter-kind]").GetByText("Onboarding").ClickAsync();
            await page.WaitForURLAsync(new Regex("/job-runs\\?kind=onboarding$"));
            await Assertions.Expect(page.Locator("tr[data-kind=quality]")).ToHaveCountAsync(0);
            var run = page.Locator("tr[data-kind=onboarding]").First;
            await Assertions.Expect(run).ToBeVisibleAsync();

            await run.Locator("[data-testid=job-run-quantum]").ClickAsync();
            await page.WaitForURLAsync(new Regex("/quanta/[0-9a-f-]+\\?tab=data$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Data", Selected = true })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The demo's sample data is onboarded in the background at start-up: waits until its first runs exist.</summary>
    private async Task DemoRunsAsync()
    {
        var api = portal.Api("sales-owner");
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/job-runs?kind=onboarding&take=1")).RootElement;
            if (list.GetProperty("runs").GetArrayLength() > 0) return;
            await Task.Delay(500);
        }
        Assert.Fail("The demo mesh queued no onboarding run within a minute.");
    }
}

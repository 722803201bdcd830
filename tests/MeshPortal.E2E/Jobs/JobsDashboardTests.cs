using MeshPortal.E2E.Infrastructure;

namespace MeshPortal.E2E.Jobs;

[Collection(PortalCollection.Name)]
public sealed class JobsDashboardTests(PortalFixture portal)
{
    [Fact]
    public async Task PlatformAdmin_SeesTheHangfireDashboard()
    {
        var page = await portal.NewSignedInPageAsync("admin");
        var response = await page.GotoAsync("/jobs");

        Assert.Equal(200, response!.Status);
        Assert.Contains("Recurring", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Consumer_IsRefusedTheHangfireDashboard()
    {
        var page = await portal.NewSignedInPageAsync("consumer");
        var response = await page.GotoAsync("/jobs");

        Assert.Contains(response!.Status, new[] { 401, 403 });
        Assert.DoesNotContain("Recurring", await page.ContentAsync());
        await page.Context.CloseAsync();
    }
}

using Bunit;
using MeshPortal.Domain.Onboarding;
using Microsoft.AspNetCore.Components.Web;
using HomePage = MeshPortal.Web.Components.Pages.Home;

namespace MeshPortal.Web.Tests.Components.Home;

public sealed class HomePageTests : PortalComponentTest
{
    private IRenderedComponent<HomePage> RenderHome(string user = Consumer)
    {
        SignInAs(user);
        RenderProviders();
        var cut = Render<HomePage>();
        cut.WaitForElement("[data-testid=stat-quanta]");
        return cut;
    }

    [Fact]
    public void Home_ShowsTheMeshAtAGlance()
    {
        var cut = RenderHome();

        Assert.Equal("1", Stat(cut, "domains"));
        Assert.Equal("1", Stat(cut, "quanta"));
        Assert.Equal("0", Stat(cut, "active"));
        Assert.Equal("0", Stat(cut, "gold"));
        Assert.Contains("Orders", cut.Find("[data-testid=quantum-card]").TextContent);
        Assert.Contains("Sales", cut.Find("[data-testid=domain-card]").TextContent);
    }

    [Fact]
    public void NoRunFailedOrUnderWay_SaysNothingAboutRuns() => Assert.Empty(RenderHome(Owner).FindAll("[data-testid=home-runs]"));

    [Fact]
    public async Task ARunOfTheirDomainThatFailed_IsPointedOutToAMember_AndTheMeshsToOthers()
    {
        await FailedRunOfOrdersAsync();

        var member = RenderHome(Owner).Find("[data-testid=home-runs]");

        Assert.Contains("1 run of your domains failed in the last 24 hours.", member.TextContent);
        Assert.Equal("/job-runs?status=failed&mine=true", member.QuerySelector("[data-testid=home-runs-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ARunFailedInTheMesh_IsPointedOutToAConsumer()
    {
        await FailedRunOfOrdersAsync();

        var consumer = RenderHome().Find("[data-testid=home-runs]");

        Assert.Contains("1 run failed in the last 24 hours.", consumer.TextContent);
        Assert.Equal("/job-runs?status=failed", consumer.QuerySelector("[data-testid=home-runs-link]")!.GetAttribute("href"));
    }

    /// <summary>A run of the sales domain's quantum that failed ten minutes ago.</summary>
    private async Task FailedRunOfOrdersAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        db.OnboardingRuns.Add(new OnboardingRun
        {
            QuantumId = OrdersId, SourceId = Guid.NewGuid(), ContractId = "sales-orders", ContractVersion = "1.1.0", ObjectName = "sales_order",
            Status = RunStatus.Failed, Error = "boom", TriggeredBy = "schedule", QueuedAt = at, StartedAt = at, FinishedAt = at.AddSeconds(5),
        });
        await db.SaveChangesAsync();
    }

    private static string Stat(IRenderedComponent<HomePage> cut, string key) => cut.Find($"[data-testid=stat-{key}] p").TextContent.Trim();

    [Fact]
    public void Search_OnEnter_OpensTheCatalogWithTheText()
    {
        var cut = RenderHome();
        var box = cut.Find("input[aria-label='Search the mesh']");

        box.Input("customer orders");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith("/catalog?q=customer%20orders", Navigation.Uri);
    }
}

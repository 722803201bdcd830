using Bunit;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Components.Onboarding;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Components.Onboarding;

/// <summary>
/// After a real run (the app's job and engine on DuckDB): the layer strip's counts, the preview, the schema as found,
/// and the quarantine — for the domain's members only.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PublishedDataTests(PortalFactory portal) : OnboardingComponentTest(portal)
{
    private async Task<Guid> OnboardAsync()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        var run = await StartAsync(id, source.Id);
        await Get<OnboardingJob>().RunAsync(run.Id, CancellationToken.None);
        var done = await Get<OnboardingService>().GetRunAsync(run.Id);
        Assert.True(done!.Status == RunStatus.Succeeded, done.Error);
        Assert.Equal((4L, 2L, 2L), (done.RowsRead, done.RowsValid, done.RowsQuarantined));
        return id;
    }

    private IRenderedComponent<QuantumDataPanel> RenderPanel(Guid quantumId, string username)
    {
        SignInAs(username);
        RenderProviders();
        var cut = Render<QuantumDataPanel>(p => p.Add(x => x.QuantumId, quantumId));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=layer-silver] [data-testid=layer-rows]").GetAttribute("data-rows")));
        return cut;
    }

    [Fact]
    public async Task Member_SeesTheLayers_ThePreview_AndTheQuarantineWithItsReasons()
    {
        var id = await OnboardAsync();

        var cut = RenderPanel(id, Engineer);

        Assert.Equal("4", cut.Find("[data-testid=layer-bronze] [data-testid=layer-rows]").GetAttribute("data-rows"));
        Assert.Equal("2", cut.Find("[data-testid=layer-quarantine]").GetAttribute("data-rows"));
        Assert.Equal("succeeded", cut.Find("[data-testid=run-panel]").GetAttribute("data-status"));
        cut.WaitForAssertion(() => Assert.Contains("SO-20250001", cut.Find("table[data-testid=preview]").TextContent));
        Assert.Equal("Rows 1–2 of 2", cut.Find("[data-testid=preview-range]").TextContent.Trim());
        Assert.Equal("ok", cut.Find("[data-testid=schema-order_id]").GetAttribute("data-status"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("table[data-testid=quarantine] tbody tr").Count));
        var quarantine = cut.Find("table[data-testid=quarantine]");
        Assert.Contains("SO-20250003", quarantine.TextContent);
        Assert.Contains("SO-20250004", quarantine.TextContent);
        Assert.NotEmpty(quarantine.QuerySelectorAll("td.reason"));
    }

    [Fact]
    public async Task NonMember_SeesThePreview_ButNotTheQuarantine_AndIsToldWhy()
    {
        var id = await OnboardAsync();

        var cut = RenderPanel(id, Consumer);

        cut.WaitForAssertion(() => Assert.Contains("SO-20250002", cut.Find("table[data-testid=preview]").TextContent));
        Assert.Contains("Only the Sales domain's members see quarantined rows", cut.Find("[data-testid=quarantine-refused]").TextContent);
        Assert.Empty(cut.FindAll("table[data-testid=quarantine]"));
        Assert.DoesNotContain("SO-20250003", cut.Markup);
    }
}

using Bunit;
using MeshPortal.DataPlane.Quality;
using MeshPortal.Web.Components.Quality;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Quanta;

namespace MeshPortal.Web.Tests.Components.Quality;

/// <summary>The header of the Quality tab and the badge shown wherever a quantum appears.</summary>
public sealed class QualityCardsTests : QualityViewTest
{
    [Fact]
    public void FailingErrorRule_RaisesTheBanner_NamingTheErrorRules_NotTheWarnings()
    {
        var results = new[]
        {
            Result("duplicateValues", "failed", severity: "error", value: 2, property: "order_id"),
            Result("nullValues", "failed", severity: "warning", value: 4),
            Result("rowCount", "passed"),
        };

        var cut = Render<ContractBanner>(p => p.Add(x => x.Run, Run(failsContract: true)).Add(x => x.Results, results));

        var banner = cut.Find("[data-testid=fails-contract]");
        Assert.Contains("fails its contract", banner.TextContent);
        var rules = cut.FindAll("[data-testid=breaking-rules] li");
        var rule = Assert.Single(rules);
        Assert.Contains("duplicateValues", rule.TextContent);
        Assert.Contains("orders.order_id", rule.TextContent);
        Assert.Contains("measured 2 rows, must be 0 rows", rule.TextContent);
        Assert.Contains("still served", banner.TextContent);
    }

    [Fact]
    public void BlockedPublishing_IsWhatTheBannerSays_WhenTheOwnerChoseIt()
    {
        var cut = Render<ContractBanner>(p => p.Add(x => x.Run, Run(failsContract: true)).Add(x => x.Results, [Result("x", "failed")]).Add(x => x.BlockPublish, true));

        Assert.Contains("Publishing is blocked", cut.Find("[data-testid=fails-contract]").TextContent);
    }

    [Fact]
    public void RunHoldingItsContract_ShowsNoBanner()
    {
        var cut = Render<ContractBanner>(p => p.Add(x => x.Run, Run(failsContract: false)).Add(x => x.Results, [Result("nullValues", "failed", severity: "warning")]));

        Assert.Empty(cut.FindAll("[data-testid=fails-contract]"));
    }

    [Fact]
    public void ScoreCard_ShowsTheScoreAndEveryCount()
    {
        var cut = Render<ScoreCard>(p => p.Add(x => x.Run, Run(score: 75, passed: 3, failed: 1, errors: 2, notExecuted: 1)));

        Assert.Equal("75", cut.Find("[data-testid=score-gauge]").GetAttribute("data-score"));
        Assert.Contains("Quality score: 75 %", cut.Find("[data-testid=score-gauge]").GetAttribute("aria-label"));
        Assert.Equal("3", cut.Find("[data-testid=count-passed]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-failed]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=count-error]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-not-executed]").TextContent);
        Assert.Contains("3 of 4 measured rules passed", cut.Markup);
    }

    [Fact]
    public void Badge_WithoutARun_SaysNotChecked_AndLinksToTheQualityTab()
    {
        var id = Guid.NewGuid();
        var cut = Render<QualityBadge>(p => p.Add(x => x.Quality, null).Add(x => x.QuantumId, id));

        Assert.Contains("not checked", cut.Markup);
        Assert.Equal($"/quanta/{id}?tab=quality", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void Badge_OfAFailingStaleQuantum_ShowsScoreFailingAndStale()
    {
        var quality = new QuantumQualityDto(62.5, FailsContract: true, Stale: true, DateTimeOffset.UtcNow);

        var cut = Render<QualityBadge>(p => p.Add(x => x.Quality, quality).Add(x => x.QuantumId, Guid.NewGuid()));

        var badge = cut.Find("[data-testid=quality-badge]");
        Assert.Equal(("62.5", "true", "true"), (badge.GetAttribute("data-score"), badge.GetAttribute("data-fails"), badge.GetAttribute("data-stale")));
        Assert.Contains("62.5 %", badge.TextContent);
        Assert.NotNull(cut.Find("[data-testid=badge-fails-contract]"));
        Assert.NotNull(cut.Find("[data-testid=badge-stale]"));
        Assert.Contains("Quality score 62.5 %, poor", cut.Markup);
    }

    [Fact]
    public void Badge_OfNewDataNotYetChecked_SaysNotChecked_WithoutTheOldVerdict()
    {
        var cut = Render<QualityBadge>(p => p.Add(x => x.Quality, new QuantumQualityDto(null, false, false, DateTimeOffset.UtcNow.AddDays(-1))).Add(x => x.QuantumId, Guid.NewGuid()));

        Assert.Contains("the data published now is not checked yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=badge-fails-contract]"));
    }

    [Fact]
    public void FreshnessCard_ShowsTheLastLoad_AndTheAgeAgainstEachLimit_AndTheStaleChip()
    {
        var now = DateTimeOffset.UtcNow;
        var entries = new[]
        {
            new FreshnessEntry("latency", "latency", null, TimeSpan.FromDays(1), TimeSpan.FromDays(2), FreshnessStatus.Stale, "last successful load 2 d ago; latency limit 1 d"),
            new FreshnessEntry("retention", "retention", null, TimeSpan.FromDays(365), null, FreshnessStatus.NotChecked, "not checked"),
        };
        var view = new FreshnessView(new FreshnessResult(now.AddDays(-2), entries), Stale: true);

        var cut = Render<FreshnessCard>(p => p.Add(x => x.Freshness, view).Add(x => x.Now, now));

        Assert.Equal("true", cut.Find("[data-testid=freshness-card]").GetAttribute("data-stale"));
        Assert.NotNull(cut.Find("[data-testid=stale-chip]"));
        Assert.Contains("2 days ago", cut.Find("[data-testid=last-load]").TextContent);
        var entry = Assert.Single(cut.FindAll("[data-testid=freshness-entry]"));
        Assert.Equal("stale", entry.GetAttribute("data-status"));
        Assert.Contains("Age 2 d · limit 1 d", entry.TextContent);
    }

    [Fact]
    public void FreshnessCard_WithoutALimit_SaysHowToSetOne()
    {
        var view = new FreshnessView(new FreshnessResult(DateTimeOffset.UtcNow, []), Stale: false);

        var cut = Render<FreshnessCard>(p => p.Add(x => x.Freshness, view));

        Assert.Contains("latency", cut.Find("[data-testid=no-freshness-limit]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=stale-chip]"));
    }
}

using Bunit;
using MeshPortal.Web.Components.Quality;

namespace MeshPortal.Web.Tests.Components.Quality;

public sealed class TrendChartTests : QualityViewTest
{
    [Fact]
    public void NoRun_SaysTheTrendStartsWithTheFirstRun()
    {
        var cut = Render<TrendChart>(p => p.Add(x => x.Trend, []));

        Assert.Contains("No run yet", cut.Find("[data-testid=quality-trend-empty]").TextContent);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void OneRun_SaysTheLineComesWithTheSecond()
    {
        var cut = Render<TrendChart>(p => p.Add(x => x.Trend, [Point(DateTimeOffset.UtcNow, 80, 1)]));

        Assert.Contains("one scored run: 80 %", cut.Find("[data-testid=quality-trend-one]").TextContent);
    }

    [Fact]
    public void SeveralRuns_DrawTheScoreLine_AndTheFailedRules_OldestFirst()
    {
        var now = DateTimeOffset.UtcNow;
        // Newest first, as a history reads: the chart puts them in time order.
        var trend = new[]
        {
            Point(now, 83.3, 1, ("completeness", 100)),
            Point(now.AddDays(-1), 66.7, 2, ("completeness", 50), ("uniqueness", 100)),
            Point(now.AddDays(-2), 50, 3, ("completeness", 50)),
        };

        var cut = Render<TrendChart>(p => p.Add(x => x.Trend, trend));

        Assert.Equal("3", cut.Find("[data-testid=quality-trend]").GetAttribute("data-points"));
        var score = cut.Find("[data-testid=quality-trend-score]");
        Assert.Equal("Quality score over time: up from 50 % to 83.3 % over 3 scored runs", score.GetAttribute("aria-label"));
        Assert.NotNull(score.QuerySelector("svg"));
        Assert.Contains("1 rule failed in the last run, at most 3", cut.Find("[data-testid=quality-trend-failed]").GetAttribute("aria-label"));
        Assert.NotNull(cut.Find("[data-testid=quality-trend-failed] svg"));
    }
}

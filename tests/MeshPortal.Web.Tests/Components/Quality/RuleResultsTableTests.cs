using Bunit;
using MeshPortal.Web.Components.Quality;

namespace MeshPortal.Web.Tests.Components.Quality;

/// <summary>The results table of a run: problems first, custom rules never passed, errors with their reason, thresholds in words.</summary>
public sealed class RuleResultsTableTests : QualityViewTest
{
    [Fact]
    public void Results_AreListedFailingFirst_ErrorSeverityBeforeWarnings_ThenErrors_Passed_AndNotExecuted()
    {
        var results = new[]
        {
            Result("rowCount", "passed", op: "mustBeBetween", threshold: "[10, 20]", value: 15),
            Result("nullValues", "failed", severity: "warning", value: 3),
            Custom(),
            Result("invalidValues", "error", value: null, message: "malformed pattern '([a-z': missing )"),
            Result("duplicateValues", "failed", severity: "error", value: 2),
            Result("missingValues", "passed"),
        };

        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, results));

        var rows = cut.FindAll("tr[data-testid=rule-result]");
        Assert.Equal(
            "duplicateValues nullValues invalidValues rowCount missingValues custom:soda:",
            string.Join(' ', rows.Select(r => r.GetAttribute("data-rule"))));
        Assert.Equal(
            "failed failed error passed passed not-executed",
            string.Join(' ', rows.Select(r => r.GetAttribute("data-outcome"))));
    }

    [Fact]
    public void CustomRule_IsShownAsNotExecutedByMeshPortal_NeverAsPassed()
    {
        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, [Custom(), Result("rowCount", "passed")]));

        var custom = cut.Find("tr[data-rule='custom:soda:']");
        Assert.Equal("not-executed", custom.GetAttribute("data-outcome"));
        Assert.Equal("not executed by MeshPortal", custom.QuerySelector("[data-testid=rule-outcome]")!.TextContent.Trim());
        Assert.DoesNotContain("passed", custom.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("engine 'soda'", custom.QuerySelector("[data-testid=rule-reason]")!.TextContent);
        Assert.Equal("–", custom.QuerySelector("[data-testid=rule-measured]")!.TextContent.Trim());
    }

    [Fact]
    public void UnknownOutcome_ReadsAsNotExecuted_NotAsPassed()
    {
        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, [Result("odd", "skipped") with { Passed = true }]));

        Assert.Equal("not-executed", cut.Find("tr[data-testid=rule-result]").GetAttribute("data-outcome"));
    }

    [Fact]
    public void RuleInError_SaysWhyItCouldNotBeMeasured()
    {
        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, [Result("invalidValues", "error", value: null, message: "property 'emial' is not in object 'orders'")]));

        var row = cut.Find("tr[data-testid=rule-result]");
        Assert.Equal("error", row.QuerySelector("[data-testid=rule-outcome]")!.TextContent.Trim());
        Assert.Equal("Could not be measured: property 'emial' is not in object 'orders'", row.QuerySelector("[data-testid=rule-reason]")!.TextContent.Trim());
    }

    [Fact]
    public void MeasuredValueAndThreshold_AreWrittenInWords_WithTheirUnit()
    {
        var results = new[]
        {
            Result("nullValues", "failed", value: 1.4, unit: "percent", op: "mustBeLessOrEqualTo", threshold: "1", property: "customer_id"),
            Result("rowCount", "passed", value: 110, unit: "rows", op: "mustBeBetween", threshold: "[100, 120]", property: null),
        };

        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, results));

        var failed = cut.Find("tr[data-rule=nullValues]");
        Assert.Equal("1.4 %", failed.QuerySelector("[data-testid=rule-measured]")!.TextContent.Trim());
        Assert.Equal("must be ≤ 1 %", failed.QuerySelector("[data-testid=rule-expected]")!.TextContent.Trim());
        Assert.Contains("orders.customer_id", failed.TextContent);
        var passed = cut.Find("tr[data-rule=rowCount]");
        Assert.Equal("110 rows", passed.QuerySelector("[data-testid=rule-measured]")!.TextContent.Trim());
        Assert.Equal("must be between 100 and 120 rows", passed.QuerySelector("[data-testid=rule-expected]")!.TextContent.Trim());
    }

    [Fact]
    public void NoResults_SayTheContractHasNoRuleToCheck()
    {
        var cut = Render<RuleResultsTable>(p => p.Add(x => x.Results, []));

        Assert.Contains("no quality rule", cut.Find("[data-testid=rule-results-empty]").TextContent);
        Assert.Empty(cut.FindAll("table"));
    }
}

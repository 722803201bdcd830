using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

public sealed class QualityScoreTests
{
    private static RuleResult Rule(RuleStatus status, string? dimension) =>
        new("r", null, "library", "nullValues", "orders", "id", dimension, null, null, "rows", "mustBe", "0", status, null);

    [Fact]
    public void The_score_is_the_share_of_executed_rules_that_passed_overall_and_per_dimension()
    {
        var score = QualityScore.Compute([
            Rule(RuleStatus.Passed, "completeness"),
            Rule(RuleStatus.Passed, "cp"),
            Rule(RuleStatus.Failed, "completeness"),
            Rule(RuleStatus.Passed, "uniqueness"),
            Rule(RuleStatus.Passed, null),
            Rule(RuleStatus.Error, "uniqueness"),
            Rule(RuleStatus.NotExecuted, "accuracy"),
        ]);

        Assert.Equal((80.0, 4, 1, 1, 1), (score.Percent!.Value, score.Passed, score.Failed, score.Errors, score.NotExecuted));
        Assert.Equal(
            [new DimensionScore("completeness", 200.0 / 3, 2, 1), new DimensionScore("uniqueness", 100, 1, 0), new DimensionScore("unspecified", 100, 1, 0)],
            score.Dimensions);
    }

    [Fact]
    public void Without_an_executed_rule_there_is_no_score()
    {
        var score = QualityScore.Compute([Rule(RuleStatus.Error, null), Rule(RuleStatus.NotExecuted, null)]);

        Assert.Null(score.Percent);
        Assert.Empty(score.Dimensions);
    }

    [Fact]
    public async Task A_real_run_scores_what_it_measured()
    {
        using var db = new QualityDatabase();
        var results = await db.RunAsync(QualityDatabase.Orders("""
            - metric: rowCount
              mustBe: 20
              dimension: completeness
            - metric: rowCount
              mustBe: 21
              dimension: completeness
            - type: custom
              engine: soda
              implementation: x
            """));

        var score = QualityScore.Compute(results);

        Assert.Equal((50.0, 1, 1, 0, 1), (score.Percent!.Value, score.Passed, score.Failed, score.Errors, score.NotExecuted));
    }
}

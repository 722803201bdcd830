using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

/// <summary>The example of docs/quality.md ("How each rule is computed"), on the same 20 rows, gives the results the page shows.</summary>
public sealed class DocumentedExampleTests
{
    [Fact]
    public async Task The_example_contract_gives_the_documented_results_and_score()
    {
        using var db = new QualityDatabase();
        var results = await db.RunAsync("""
            - name: orders
              quality:
                - metric: rowCount
                  mustBeBetween: [10, 20]
                - type: custom
                  engine: soda
                  implementation: |
                    type: duplicate_percent
              properties:
                - name: id
                  quality:
                    - metric: duplicateValues
                      mustBe: 0
                      dimension: uniqueness
                    - metric: nullValues
                      unit: percent
                      mustBeLessOrEqualTo: 10
                      dimension: completeness
                - name: email
                  quality:
                    - metric: missingValues
                      arguments:
                        missingValues: [null, '', 'n/a']
                      unit: percent
                      mustBeLessThan: 20
                      dimension: completeness
                    - metric: invalidValues
                      arguments:
                        pattern: '([a-z'
                      mustBe: 0
            """);

        Assert.Equal(
            [
                ("rowCount", null, 20.0, "rows", "[10, 20]", RuleStatus.Passed),
                ("custom:soda:", null, (double?)null, null, null, RuleStatus.NotExecuted),
                ("duplicateValues", "id", 2.0, "rows", "0", RuleStatus.Failed),
                ("nullValues", "id", 10.0, "percent", "10", RuleStatus.Passed),
                ("missingValues", "email", 20.0, "percent", "20", RuleStatus.Failed),
                ("invalidValues", "email", null, "rows", "0", RuleStatus.Error),
            ],
            results.Select(r => (r.Rule, r.Property, r.Value, r.Unit, r.Threshold, r.Status)));
        Assert.Equal("not executed by MeshPortal: a custom rule for the engine 'soda'", results[1].Message);
        Assert.StartsWith("malformed pattern '([a-z': ", results[5].Message);

        var score = QualityScore.Compute(results);
        Assert.Equal((50.0, 1, 1), (score.Percent!.Value, score.Errors, score.NotExecuted));
        Assert.Equal([("completeness", 50.0), ("uniqueness", 0.0), ("unspecified", 100.0)], score.Dimensions.Select(d => (d.Dimension, d.Percent!.Value)));
    }
}

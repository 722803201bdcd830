using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

public sealed class LibraryMetricTests : IDisposable
{
    private readonly QualityDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>Every library metric on the planted table, with the value each must measure.</summary>
    private static readonly string AllMetrics = QualityDatabase.Orders(
        objectRules: """
            - name: rows
              metric: rowCount
              mustBe: 20
            - name: tuple duplicates
              metric: duplicateValues
              arguments:
                properties: [tenant, order_no]
              mustBe: 3
            - name: tuple duplicates percent
              metric: duplicateValues
              arguments:
                properties: [tenant, order_no]
              unit: percent
              mustBe: 15
            """,
        propertyRules: new Dictionary<string, string>
        {
            ["id"] = """
                - name: id nulls
                  metric: nullValues
                  mustBe: 2
                - name: id nulls percent
                  metric: nullValues
                  unit: percent
                  mustBe: 10
                - name: id duplicates
                  metric: duplicateValues
                  mustBe: 2
                - name: id duplicates percent
                  metric: duplicateValues
                  unit: percent
                  mustBe: 10
                - name: id row count
                  metric: rowCount
                  mustBe: 20
                """,
            ["email"] = """
                - name: email nulls
                  metric: nullValues
                  mustBe: 2
                - name: email missing
                  metric: missingValues
                  arguments:
                    missingValues: [null, '', 'n/a']
                  mustBe: 4
                - name: email missing without null
                  metric: missingValues
                  arguments:
                    missingValues: ['', 'n/a']
                  mustBe: 2
                - name: email missing percent
                  metric: missingValues
                  arguments:
                    missingValues: [null, '', 'n/a', 'N/A']
                  unit: percent
                  mustBe: 25
                """,
            ["status"] = """
                - name: status invalid
                  metric: invalidValues
                  arguments:
                    validValues: [new, paid, shipped, delivered]
                  mustBe: 1
                """,
            ["country"] = """
                - name: country pattern
                  metric: invalidValues
                  arguments:
                    pattern: '^[A-Z]{2}$'
                  mustBe: 2
                - name: country unanchored pattern must match fully
                  metric: invalidValues
                  arguments:
                    pattern: '[A-Z]{2}'
                  mustBe: 2
                - name: country list and pattern
                  metric: invalidValues
                  arguments:
                    validValues: [FR, DE, NL, BE, IT, XX1]
                    pattern: '[A-Z]{2}'
                  mustBe: 2
                - name: country list
                  metric: invalidValues
                  arguments:
                    validValues: [FR, DE, NL, BE, IT, fr]
                  unit: percent
                  mustBe: 5
                """,
            ["amount"] = """
                - name: amount numbers as text
                  metric: invalidValues
                  arguments:
                    validValues: ['1.0', '2.0', '3.0', '4.0', '5.0', '7.0', '10.0']
                  mustBe: 0
                - name: amount nulls
                  metric: nullValues
                  unit: percent
                  mustBe: 5
                """,
        });

    [Theory]
    [InlineData(QualityPlan.PerRule)]
    [InlineData(QualityPlan.SingleScan)]
    [InlineData(QualityPlan.ScanPlusDistinct)]
    public async Task Library_metrics_measure_the_planted_defects_exactly_whatever_the_plan(QualityPlan plan)
    {
        var results = await _db.RunAsync(AllMetrics, plan);

        Assert.Equal(19, results.Count);
        Assert.All(results, r => Assert.True(r.Status == RuleStatus.Passed, $"{r.Rule}: {r.Status}, value {r.Value} ({r.Message})"));
        Assert.All(results, r => Assert.Equal(double.Parse(r.Threshold!, System.Globalization.CultureInfo.InvariantCulture), r.Value));
    }

    [Fact]
    public async Task Results_carry_the_rule_object_property_unit_and_threshold_in_contract_order()
    {
        var results = await _db.RunAsync(AllMetrics);

        Assert.Equal(["rows", "tuple duplicates", "tuple duplicates percent", "id nulls"], results.Take(4).Select(r => r.Rule));
        var idPercent = results.Single(r => r.Rule == "id nulls percent");
        Assert.Equal(("library", "nullValues", "orders", "id", "percent", "mustBe", "10", 10.0),
            (idPercent.Type, idPercent.Metric, idPercent.Object, idPercent.Property, idPercent.Unit, idPercent.Operator, idPercent.Threshold, idPercent.Value));
        var rows = results[0];
        Assert.Equal((null as string, "rows", 20.0), (rows.Property, rows.Unit, rows.Value));
    }

    [Fact]
    public async Task Duplicate_tuples_skip_rows_where_every_property_is_null_and_count_nulls_inside_a_tuple_as_equal()
    {
        // (null, null) twice would be one more duplicate if it were counted; (null, 7) twice is one.
        var results = await _db.RunAsync(QualityDatabase.Orders("""
            - metric: duplicateValues
              arguments:
                properties: [tenant, order_no]
              mustBe: 0
            """));

        Assert.Equal((RuleStatus.Failed, 3.0), (results[0].Status, results[0].Value));
    }

    [Fact]
    public async Task Percent_is_of_all_rows_and_zero_on_an_empty_table()
    {
        _db.Execute("DELETE FROM silver.\"orders\"");

        var results = await _db.RunAsync(QualityDatabase.Orders(
            "- metric: rowCount\n  mustBe: 0",
            new Dictionary<string, string> { ["id"] = "- metric: nullValues\n  unit: percent\n  mustBe: 0" }));

        Assert.All(results, r => Assert.Equal((RuleStatus.Passed, 0.0), (r.Status, r.Value!.Value)));
    }

    [Fact]
    public async Task A_failed_rule_keeps_its_measured_value()
    {
        var results = await _db.RunAsync(QualityDatabase.Orders(
            propertyRules: new Dictionary<string, string> { ["email"] = "- metric: nullValues\n  mustBe: 0\n  dimension: completeness\n  severity: error" }));

        var r = Assert.Single(results);
        Assert.Equal((RuleStatus.Failed, 2.0, "completeness", "error", "email"), (r.Status, r.Value!.Value, r.Dimension, r.Severity, r.Property));
    }
}

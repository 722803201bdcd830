using System.Diagnostics;
using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

public sealed class SqlRuleTests : IDisposable
{
    private readonly QualityDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Sql_rules_replace_object_and_property_and_compare_the_single_value()
    {
        var results = await _db.RunAsync(QualityDatabase.Orders(
            objectRules: """
                - name: more than ten rows
                  type: sql
                  query: SELECT count(*) > 10 FROM {object}
                  mustBe: true
                - name: tenants
                  type: sql
                  query: SELECT count(DISTINCT tenant) FROM {object}
                  mustBeBetween: [3, 3]
                """,
            propertyRules: new Dictionary<string, string>
            {
                ["amount"] = """
                    - name: small amounts
                      type: sql
                      query: |
                        SELECT count(*) FROM {object} WHERE {property} < 5
                      mustBe: 16
                    - name: average amount
                      type: sql
                      query: SELECT avg({property}) FROM {object}
                      unit: euros
                      mustBeGreaterThan: 4
                    """,
            }));

        Assert.Equal(
            [("more than ten rows", RuleStatus.Passed, 1.0), ("tenants", RuleStatus.Passed, 3.0), ("small amounts", RuleStatus.Passed, 16.0)],
            results.Take(3).Select(r => (r.Rule, r.Status, r.Value!.Value)));
        var average = results[3];
        Assert.Equal((RuleStatus.Passed, "euros", "amount", "sql"), (average.Status, average.Unit, average.Property, average.Type));
        Assert.Equal(80.0 / 19, average.Value!.Value, 9);
    }

    [Fact]
    public async Task Sql_rules_may_name_the_object_by_its_name_or_physical_name_as_ODCS_examples_do()
    {
        var contract = QualityDatabase.Orders(objectRules: """
            - name: by name
              type: sql
              query: SELECT count(*) FROM orders WHERE amount < 5
              mustBe: 16
            - name: by physical name
              type: sql
              query: SELECT count(*) FROM tbl_orders
              mustBe: 20
            """).Replace("- name: orders\n", "- name: orders\n  physicalName: tbl_orders\n");

        var results = await _db.RunAsync(contract);

        Assert.Equal([("by name", RuleStatus.Passed, 16.0), ("by physical name", RuleStatus.Passed, 20.0)], results.Select(r => (r.Rule, r.Status, r.Value!.Value)));
        // The names were views for the length of the run only.
        Assert.Equal(0, _db.Count("SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name IN ('orders', 'tbl_orders')"));
    }

    [Fact]
    public async Task Sql_rules_that_write_fail_or_misuse_placeholders_are_errors_and_the_others_still_run()
    {
        var results = await _db.RunAsync(QualityDatabase.Orders(
            objectRules: """
                - name: deletes
                  type: sql
                  query: DELETE FROM {object}
                  mustBe: 0
                - name: two statements
                  type: sql
                  query: SELECT 1; DROP TABLE {object}
                  mustBe: 1
                - name: unknown column
                  type: sql
                  query: SELECT count(nope) FROM {object}
                  mustBe: 0
                - name: property on an object
                  type: sql
                  query: SELECT count({property}) FROM {object}
                  mustBe: 0
                - name: no row
                  type: sql
                  query: SELECT 1 FROM {object} WHERE false
                  mustBe: 1
                - name: text
                  type: sql
                  query: SELECT 'many' FROM {object} LIMIT 1
                  mustBe: 1
                - name: fine
                  type: sql
                  query: SELECT count(*) FROM {object}
                  mustBe: 20
                """));

        Assert.Equal(RuleStatus.Passed, results.Single(r => r.Rule == "fine").Status);
        Assert.All(results.Where(r => r.Rule != "fine"), r => Assert.Equal(RuleStatus.Error, r.Status));
        var messages = results.ToDictionary(r => r.Rule, r => r.Message ?? "");
        Assert.Contains("nope", messages["unknown column"]);
        Assert.Contains("{property}", messages["property on an object"]);
        Assert.Contains("no row", messages["no row"]);
        Assert.Contains("'many'", messages["text"]);
        Assert.Equal(20, _db.Count("SELECT count(*) FROM silver.\"orders\""));
    }

    [Fact]
    public async Task A_slow_sql_rule_is_stopped_at_the_time_limit_and_the_next_rule_runs()
    {
        var clock = Stopwatch.StartNew();
        var results = await _db.RunAsync(QualityDatabase.Orders(
            objectRules: """
                - name: slow
                  type: sql
                  query: SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b
                  mustBe: 0
                - name: after
                  type: sql
                  query: SELECT count(*) FROM {object}
                  mustBe: 20
                """), limit: TimeSpan.FromSeconds(1));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(RuleStatus.Error, results[0].Status);
        Assert.Contains("ran longer than 1 s and was stopped", results[0].Message);
        Assert.Equal(RuleStatus.Passed, results[1].Status);
    }

    [Fact]
    public async Task Cancelling_the_run_interrupts_the_running_query()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _db.RunAsync(QualityDatabase.Orders("""
            - type: sql
              query: SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b
              mustBe: 0
            """), cancellationToken: cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(20, _db.Count("SELECT count(*) FROM silver.\"orders\""));
    }
}

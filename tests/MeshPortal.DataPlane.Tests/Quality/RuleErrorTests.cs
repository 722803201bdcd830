using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

public sealed class RuleErrorTests : IDisposable
{
    private readonly QualityDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(QualityPlan.PerRule)]
    [InlineData(QualityPlan.SingleScan)]
    [InlineData(QualityPlan.ScanPlusDistinct)]
    public async Task Bad_rules_are_errors_with_the_reason_and_the_good_rules_still_run(QualityPlan plan)
    {
        var results = await _db.RunAsync(QualityDatabase.Orders(
            objectRules: """
                - name: missing property
                  metric: duplicateValues
                  arguments:
                    properties: [tenant, nope]
                  mustBe: 0
                - name: no properties
                  metric: duplicateValues
                  mustBe: 0
                - name: unknown metric
                  metric: averageValue
                  mustBe: 0
                - name: nulls of what
                  metric: nullValues
                  mustBe: 0
                - name: no operator
                  metric: rowCount
                - name: rows in percent
                  metric: rowCount
                  unit: percent
                  mustBe: 100
                - name: good rows
                  metric: rowCount
                  mustBe: 20
                """,
            propertyRules: new Dictionary<string, string>
            {
                ["country"] = """
                    - name: malformed pattern
                      metric: invalidValues
                      arguments:
                        pattern: '([A-Z'
                      mustBe: 0
                    - name: no arguments
                      metric: invalidValues
                      mustBe: 0
                    - name: missing without list
                      metric: missingValues
                      mustBe: 0
                    - name: kilograms
                      metric: nullValues
                      unit: kg
                      mustBe: 0
                    - name: good country
                      metric: invalidValues
                      arguments:
                        pattern: '[A-Z]{2}'
                      mustBe: 2
                    """,
            }), plan);

        var byRule = results.ToDictionary(r => r.Rule);
        Assert.Equal(RuleStatus.Passed, byRule["good rows"].Status);
        Assert.Equal(RuleStatus.Passed, byRule["good country"].Status);
        Assert.All(results.Where(r => !r.Rule.StartsWith("good", StringComparison.Ordinal)),
            r => Assert.True(r.Status == RuleStatus.Error && r.Value is null && r.Message is not null, $"{r.Rule}: {r.Status}"));
        Assert.Equal("property 'nope' is not in object 'orders'", byRule["missing property"].Message);
        Assert.Contains("arguments.properties", byRule["no properties"].Message);
        Assert.Contains("unknown metric 'averageValue'", byRule["unknown metric"].Message);
        Assert.Contains("declare the rule under the property", byRule["nulls of what"].Message);
        Assert.Contains("no operator", byRule["no operator"].Message);
        Assert.Contains("rows, not in percent", byRule["rows in percent"].Message);
        Assert.StartsWith("malformed pattern '([A-Z'", byRule["malformed pattern"].Message);
        Assert.Contains("validValues", byRule["no arguments"].Message);
        Assert.Contains("arguments.missingValues", byRule["missing without list"].Message);
        Assert.Contains("unit 'kg'", byRule["kilograms"].Message);
    }

    [Fact]
    public async Task A_property_of_the_contract_without_a_column_in_the_table_is_an_error()
    {
        _db.Execute("ALTER TABLE silver.\"orders\" DROP COLUMN status");

        var results = await _db.RunAsync(QualityDatabase.Orders(propertyRules: new Dictionary<string, string>
        {
            ["status"] = "- metric: nullValues\n  mustBe: 0",
            ["id"] = "- metric: nullValues\n  mustBe: 2",
        }));

        Assert.Equal((RuleStatus.Passed, RuleStatus.Error), (results[0].Status, results[1].Status));
        Assert.Equal("property 'status' has no column in the published table silver.\"orders\"", results[1].Message);
    }

    [Fact]
    public async Task Custom_and_text_rules_are_listed_as_not_executed_never_as_passed()
    {
        var results = await _db.RunAsync(QualityDatabase.Orders("""
            - type: custom
              engine: soda
              implementation: |
                type: duplicate_percent
                columns: [tenant, order_no]
                must_be_less_than: 1.0
            - type: custom
              engine: greatExpectations
              implementation:
                type: expect_table_row_count_to_be_between
            - type: text
              description: Orders are checked by the finance team.
            """));

        Assert.All(results, r => Assert.Equal(RuleStatus.NotExecuted, r.Status));
        Assert.Contains("not executed by MeshPortal", results[0].Message);
        Assert.Contains("'soda'", results[0].Message);
        Assert.Contains("'greatExpectations'", results[1].Message);
        Assert.Equal("text", results[2].Type);
    }

    [Fact]
    public async Task Rules_of_an_object_without_published_data_are_not_executed()
    {
        var results = await _db.RunAsync("""
            - name: invoices
              quality:
                - metric: rowCount
                  mustBeGreaterThan: 0
              properties:
                - name: number
                  quality:
                    - metric: nullValues
                      mustBe: 0
            """);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal((RuleStatus.NotExecuted, "invoices"), (r.Status, r.Object)));
        Assert.Contains("no published data", results[0].Message);
    }

    [Fact]
    public async Task An_unreadable_table_makes_every_executable_rule_an_error()
    {
        _db.Execute("DROP TABLE silver.\"orders\"");

        var results = await _db.RunAsync(QualityDatabase.Orders("- metric: rowCount\n  mustBe: 20\n- type: text\n  description: words"));

        Assert.Equal((RuleStatus.Error, RuleStatus.NotExecuted), (results[0].Status, results[1].Status));
        Assert.Contains("cannot be read", results[0].Message);
    }

    [Fact]
    public async Task Rules_on_properties_nested_in_an_object_run_on_the_JSON_and_those_on_array_items_count_the_items()
    {
        _db.Execute("""
            CREATE TABLE silver."customers" (id INTEGER, address VARCHAR, tags VARCHAR);
            INSERT INTO silver."customers" VALUES
              (1, '{"city": "Lyon", "geo": {"lat": 45.7}}', '[{"label": "vip"}, {"label": "new"}]'),
              (2, '{"city": null, "geo": {"lat": "north"}}', '[{"label": null}, {"nolabel": 1}]'),
              (3, '{"geo": {"lat": 1}}', '[]'),
              (4, '{"city": "Lyon"}', NULL),
              (5, NULL, '[{"label": "vip"}]');
            """);
        var contract = QualityDatabase.Contract("""
            - name: customers
              properties:
                - name: id
                  logicalType: integer
                - name: address
                  logicalType: object
                  properties:
                    - name: city
                      quality:
                        - name: city set
                          metric: nullValues
                          mustBe: 3
                        - name: one city per customer
                          metric: duplicateValues
                          mustBe: 1
                        - name: in Lyon
                          type: sql
                          query: SELECT count(*) FROM {object} WHERE {property} = 'Lyon'
                          mustBe: 2
                    - name: geo
                      logicalType: object
                      properties:
                        - name: lat
                          quality:
                            - name: lat is a number
                              metric: invalidValues
                              arguments:
                                pattern: '[0-9.]+'
                              mustBe: 1
                - name: tags
                  logicalType: array
                  items:
                    logicalType: object
                    properties:
                      - name: label
                        quality:
                          - name: every item labelled
                            metric: nullValues
                            mustBe: 0
                          - name: few unlabelled
                            metric: nullValues
                            unit: percent
                            mustBeLessThan: 50
                          - name: labels repeat
                            metric: duplicateValues
                            mustBe: 1
                          - name: items
                            metric: rowCount
                            mustBe: 5
                          - name: label per row
                            type: sql
                            query: SELECT count(*) FROM {object} WHERE {property} = 'vip'
                            mustBe: 2
            """);

        var results = await new QualityEngine(new DataPlaneOptions { UserSqlTimeout = TimeSpan.FromSeconds(30) })
            .RunAsync(_db.Connection, contract, o => o == "customers" ? "silver.\"customers\"" : null, default);

        Assert.Equal([
            ("city set", RuleStatus.Passed, "address.city", 3.0),
            ("one city per customer", RuleStatus.Passed, "address.city", 1.0),
            ("in Lyon", RuleStatus.Passed, "address.city", 2.0),
            ("lat is a number", RuleStatus.Passed, "address.geo.lat", 1.0),
        ], results.Take(4).Select(r => (r.Rule, r.Status, r.Property!, r.Value!.Value)));
        // On a property of an array's items the library metrics count the items (5 in all: 'vip', 'new', null, a missing
        // label, 'vip'), a percent is of the items; an sql rule has no one value per row for {property}.
        Assert.Equal([
            ("every item labelled", RuleStatus.Failed, 2.0),
            ("few unlabelled", RuleStatus.Passed, 40.0),
            ("labels repeat", RuleStatus.Passed, 1.0),
            ("items", RuleStatus.Passed, 5.0),
        ], results.Skip(4).Take(4).Select(r => (r.Rule, r.Status, r.Value!.Value)));
        Assert.All(results.Skip(4), r => Assert.Equal("tags[].label", r.Property));
        var perRow = results[8];
        Assert.Equal(RuleStatus.NotExecuted, perRow.Status);
        Assert.Contains("array's items", perRow.Message);
    }

    [Fact]
    public async Task An_array_in_an_object_counts_its_items_and_one_in_an_arrays_items_is_not_executed()
    {
        _db.Execute("""
            CREATE TABLE silver."shipped" (id INTEGER, shipment VARCHAR);
            INSERT INTO silver."shipped" VALUES
              (1, '{"carrier": "DHL", "parcels": [{"weight": 2, "contents": [{"sku": "A"}]}, {"weight": null}]}'),
              (2, '{"carrier": "UPS", "parcels": [{"weight": 5}]}'),
              (3, '{"carrier": "UPS"}');
            """);
        var contract = QualityDatabase.Contract("""
            - name: shipped
              properties:
                - name: id
                  logicalType: integer
                - name: shipment
                  logicalType: object
                  properties:
                    - name: parcels
                      logicalType: array
                      items:
                        logicalType: object
                        properties:
                          - name: weight
                            logicalType: number
                            quality:
                              - name: weighed
                                metric: nullValues
                                mustBe: 0
                          - name: contents
                            logicalType: array
                            items:
                              logicalType: object
                              properties:
                                - name: sku
                                  quality:
                                    - name: sku set
                                      metric: nullValues
                                      mustBe: 0
            """);

        var results = await new QualityEngine(new DataPlaneOptions { UserSqlTimeout = TimeSpan.FromSeconds(30) })
            .RunAsync(_db.Connection, contract, o => o == "shipped" ? "silver.\"shipped\"" : null, default);

        Assert.Equal(("weighed", RuleStatus.Failed, 1.0), (results[0].Rule, results[0].Status, results[0].Value!.Value));
        Assert.Equal("shipment.parcels[].weight", results[0].Property);
        Assert.Equal(("sku set", RuleStatus.NotExecuted), (results[1].Rule, results[1].Status));
        Assert.Contains("array inside an array's items", results[1].Message);
    }
}

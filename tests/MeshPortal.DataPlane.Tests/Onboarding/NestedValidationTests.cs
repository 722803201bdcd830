using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Quality;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

/// <summary>
/// Properties nested in an object, or in the items of an array, are checked like columns (required, type, valid values,
/// pattern), inside the column's JSON; a value that should be an object or an array but is not says so.
/// </summary>
public sealed class NestedValidationTests : IDisposable
{
    readonly Workspace _workspace = new();

    const string Schema = """
        - name: customers
          properties:
            - name: id
              logicalType: integer
              primaryKey: true
            - name: address
              logicalType: object
              properties:
                - name: city
                  logicalType: string
                  required: true
                - name: zip
                  logicalType: string
                  logicalTypeOptions:
                    pattern: '[0-9]{5}'
                - name: geo
                  logicalType: object
                  properties:
                    - name: lat
                      logicalType: number
                      required: true
            - name: tags
              logicalType: array
              items:
                logicalType: object
                properties:
                  - name: label
                    logicalType: string
                    required: true
        """;

    [Fact]
    public async Task NestedProperties_AreCheckedInsideTheObject_WithTheirPathInTheReason()
    {
        var file = _workspace.File("customers.jsonl", """
            {"id": 1, "address": {"city": "Lyon", "zip": "69001", "geo": {"lat": 45.76}}, "tags": [{"label": "vip"}]}
            {"id": 2, "address": {"zip": "69002", "geo": {"lat": 45.7}}}
            {"id": 3, "address": {"city": "Paris", "zip": "750", "geo": {"lat": 48.8}}}
            {"id": 4, "address": "12 rue de la Paix"}
            {"id": 5, "address": {"city": "Nice", "geo": {"lat": "north"}}}
            {"id": 6}
            {"id": 7, "address": {"city": "Metz", "geo": null}, "tags": [{"nolabel": true}]}
            {"id": 8, "address": {"city": "Brest", "geo": {}}}
            {"id": 9, "tags": "vip"}
            {"id": 10, "tags": [{"label": "a"}, "b", {"label": ""}]}
            {"id": 11, "tags": []}
            """);
        var contract = QualityDatabase.Contract(Schema);

        var result = await _workspace.Engine.RunAsync(
            _workspace.Request(new FileSource(file, FileFormat.JsonLines), contract.Objects[0], contract: contract), new ProgressLog(), CancellationToken.None);

        Assert.Equal((11, 3, 8), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Equal(["1", "6", "11"], (await _workspace.QueryAsync("SELECT id FROM silver.customers ORDER BY id")).Select(r => r[0]!.ToString()));
        var reasons = (await _workspace.QueryAsync("SELECT id, _reasons FROM quarantine.customers ORDER BY _row_number"))
            .Select(r => $"{r[0]}: {r[1]}").ToList();
        Assert.Equal([
            "2: address.city: missing, but required",
            "3: address.zip: '750' does not match the pattern [0-9]{5}",
            "4: address: '12 rue de la Paix' is not a JSON object",
            "5: address.geo.lat: 'north' is not a number",
            "7: tags[0].label: missing, but required",
            "8: address.geo.lat: missing, but required",
            "9: tags: 'vip' is not a JSON array",
            "10: tags[1]: \"b\" is not a JSON object; tags[2].label: missing, but required",
        ], reasons);
        // Row 6 has no address and row 7's geo is null: optional objects, so their required members are not asked for;
        // row 11's array has no item to check.
    }

    [Fact]
    public async Task ArraysInAnArraysItems_AreChecked_NamingTheItemOfEachLevel()
    {
        var contract = QualityDatabase.Contract("""
            - name: orders
              properties:
                - name: id
                  logicalType: integer
                  primaryKey: true
                - name: lines
                  logicalType: array
                  items:
                    logicalType: object
                    properties:
                      - name: sku
                        logicalType: string
                        required: true
                      - name: parts
                        logicalType: array
                        items:
                          logicalType: object
                          properties:
                            - name: code
                              logicalType: string
                              required: true
                              logicalTypeOptions:
                                pattern: '[A-Z]{2}'
                            - name: qty
                              logicalType: integer
            """);
        var file = _workspace.File("orders.jsonl", """
            {"id": 1, "lines": [{"sku": "A", "parts": [{"code": "AB", "qty": 1}]}, {"sku": "B"}]}
            {"id": 2, "lines": [{"sku": "A", "parts": [{"code": "AB"}, {"qty": 2}]}]}
            {"id": 3, "lines": [{"sku": "A"}, {"sku": "B", "parts": [{"code": "abc"}]}]}
            {"id": 4, "lines": [{"sku": "A", "parts": "none"}]}
            {"id": 5, "lines": [{"sku": "A", "parts": [{"code": "AB", "qty": "two"}]}]}
            {"id": 6, "lines": [{"sku": "A", "parts": [7]}, {"parts": []}]}
            """);

        var result = await _workspace.Engine.RunAsync(
            _workspace.Request(new FileSource(file, FileFormat.JsonLines), contract.Objects[0], contract: contract), new ProgressLog(), CancellationToken.None);

        Assert.Equal((6, 1, 5), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var reasons = (await _workspace.QueryAsync("SELECT id, _reasons FROM quarantine.orders ORDER BY _row_number"))
            .Select(r => $"{r[0]}: {r[1]}").ToList();
        Assert.Equal([
            "2: lines[0].parts[1].code: missing, but required",
            "3: lines[1].parts[0].code: 'abc' does not match the pattern [A-Z]{2}",
            "4: lines[0].parts: 'none' is not a JSON array",
            "5: lines[0].parts[0].qty: 'two' is not an integer",
            "6: lines[1].sku: missing, but required; lines[0].parts[0]: 7 is not a JSON object",
        ], reasons);
    }

    public void Dispose() => _workspace.Dispose();
}

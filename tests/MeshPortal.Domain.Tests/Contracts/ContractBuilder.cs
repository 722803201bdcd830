using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

/// <summary>Small valid contracts for the diff and inheritance tables, edited with YAML so each case reads like a contract.</summary>
public static class ContractBuilder
{
    public const string Base = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        name: Orders
        description:
          purpose: Confirmed orders.
        schema:
          - name: orders
            physicalName: orders
            physicalType: table
            description: One row per order.
            quality:
              - metric: rowCount
                mustBeGreaterThan: 100
            properties:
              - name: order_id
                logicalType: string
                physicalType: varchar(36)
                primaryKey: true
                required: true
                classification: internal
              - name: customer_id
                id: cust_id_prop
                logicalType: string
                physicalType: varchar(36)
                required: false
                description: The customer.
                tags: [customer]
              - name: amount
                logicalType: number
                physicalType: decimal(10,2)
                quality:
                  - metric: nullValues
                    mustBeLessOrEqualTo: 5
                    unit: percent
                    severity: error
              - name: quantity
                logicalType: integer
                physicalType: int
              - name: status
                logicalType: string
                quality:
                  - metric: invalidValues
                    arguments:
                      validValues: [open, shipped, cancelled]
                    mustBe: 0
        slaProperties:
          - property: latency
            value: 4
            unit: h
          - property: availability
            value: 99.5
            unit: percent
        """;

    public static JsonObject Parse(string yaml)
    {
        var doc = (JsonObject)YamlJson.Parse(yaml)!;
        Assert.Empty(OdcsSchema.Validate(doc));
        return doc;
    }

    /// <summary>The base contract with one textual replacement applied (the replacement must match).</summary>
    public static JsonObject With(string find, string replace)
    {
        Assert.Contains(find, Base);
        return Parse(Base.Replace(find, replace));
    }
}

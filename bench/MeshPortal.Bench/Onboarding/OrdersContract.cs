using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// The ODCS v3.1.0 contract the generated file is onboarded against: one object, <c>orders</c>, whose 12 properties
/// are the file's columns — a bigint primary key, required columns, two value lists, a pattern, timestamps.
/// </summary>
public static class OrdersContract
{
    public const string Id = "bench-orders";
    public const string Version = "1.0.0";

    public static NormalizedContract Normalized()
    {
        var document = JsonNode.Parse(Json())!;
        var errors = OdcsSchema.Validate(document);
        if (errors.Count > 0) throw new InvalidOperationException($"The benchmark contract is invalid: {errors[0].Pointer} {errors[0].Message}");
        return ContractNormalizer.Normalize(document.AsObject());
    }

    public static string Json() => new JsonObject
    {
        ["apiVersion"] = "v3.1.0",
        ["kind"] = "DataContract",
        ["id"] = Id,
        ["name"] = "Benchmark orders",
        ["version"] = Version,
        ["status"] = "active",
        ["domain"] = "bench",
        ["description"] = new JsonObject { ["purpose"] = "Order lines for the onboarding benchmark." },
        ["schema"] = new JsonArray(new JsonObject
        {
            ["name"] = OrdersCsv.ObjectName,
            ["physicalName"] = OrdersCsv.ObjectName,
            ["physicalType"] = "table",
            ["description"] = "One row per order line.",
            ["properties"] = new JsonArray(
                Property("order_id", "integer", "bigint", required: true, key: true),
                Property("customer_id", "integer", "int", required: true),
                Property("sku", "string", "varchar(16)", required: true),
                Property("quantity", "integer", "int", required: true),
                Property("unit_price", "number", "decimal(10,2)", required: true),
                Property("currency", "string", "varchar(3)", required: true, validValues: OrdersCsv.Currencies),
                Property("status", "string", "varchar(16)", required: true, validValues: OrdersCsv.Statuses),
                Property("country", "string", "varchar(2)", required: true, options: new JsonObject { ["pattern"] = OrdersCsv.CountryPattern }),
                Pii(Property("email", "string", "varchar(64)")),
                Property("created_at", "timestamp", "timestamp", required: true, options: new JsonObject { ["format"] = OrdersCsv.TimestampFormat }),
                Property("shipped_at", "timestamp", "timestamp", options: new JsonObject { ["format"] = OrdersCsv.TimestampFormat }),
                Property("note", "string", "varchar(200)")),
        }),
    }.ToJsonString();

    private static JsonObject Property(string name, string logical, string physical, bool required = false, bool key = false,
        string[]? validValues = null, JsonObject? options = null)
    {
        var property = new JsonObject
        {
            ["name"] = name,
            ["logicalType"] = logical,
            ["physicalType"] = physical,
            ["required"] = required,
        };
        if (key)
        {
            property["primaryKey"] = true;
            property["primaryKeyPosition"] = 1;
            property["unique"] = true;
        }
        if (options is not null) property["logicalTypeOptions"] = options;
        if (validValues is not null)
        {
            property["quality"] = new JsonArray(new JsonObject
            {
                ["metric"] = "invalidValues",
                ["arguments"] = new JsonObject { ["validValues"] = new JsonArray(validValues.Select(v => (JsonNode)v).ToArray()) },
                ["mustBe"] = 0,
                ["dimension"] = "conformity",
                ["severity"] = "error",
            });
        }
        return property;
    }

    private static JsonObject Pii(JsonObject property)
    {
        property["classification"] = "restricted";
        property["customProperties"] = new JsonArray(new JsonObject { ["property"] = ContractNormalizer.PiiCustomProperty, ["value"] = true });
        return property;
    }
}

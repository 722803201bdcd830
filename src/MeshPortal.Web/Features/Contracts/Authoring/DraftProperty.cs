using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>A property (column) of a schema object. Nested properties and array items are kept as written.</summary>
public sealed class DraftProperty
{
    public static readonly string[] LogicalTypes = ["string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean"];
    public static readonly string[] Classifications = ["public", "internal", "restricted", "confidential"];

    public string Name { get; set; } = "";
    public string? LogicalType { get; set; } = "string";
    public string? PhysicalType { get; set; }
    public string? Description { get; set; }
    public bool Required { get; set; }
    public bool Unique { get; set; }
    public bool PrimaryKey { get; set; }
    public string? Classification { get; set; }
    public bool Pii { get; set; }
    public List<DraftRule> Quality { get; } = [];
    public JsonObject Source { get; private set; } = new();

    public static DraftProperty FromJson(JsonObject node)
    {
        var property = new DraftProperty
        {
            Name = JsonFields.String(node, "name") ?? "",
            LogicalType = JsonFields.String(node, "logicalType"),
            PhysicalType = JsonFields.String(node, "physicalType"),
            Description = JsonFields.String(node, "description"),
            Required = JsonFields.Bool(node, "required"),
            Unique = JsonFields.Bool(node, "unique"),
            PrimaryKey = JsonFields.Bool(node, "primaryKey"),
            Classification = JsonFields.String(node, "classification"),
            Pii = string.Equals(ContractNormalizer.CustomProperty(node, ContractNormalizer.PiiCustomProperty), "true", StringComparison.OrdinalIgnoreCase),
            Source = (JsonObject)node.DeepClone(),
        };
        property.Quality.AddRange((node["quality"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftRule.FromJson));
        return property;
    }

    public JsonObject ToJson() => JsonFields.Merge(Source,
    [
        ("name", JsonFields.Text(Name)),
        ("logicalType", JsonFields.Text(LogicalType)),
        ("physicalType", JsonFields.Text(PhysicalType)),
        ("description", JsonFields.Text(Description)),
        ("required", JsonFields.Flag(Required, Source, "required")),
        ("unique", JsonFields.Flag(Unique, Source, "unique")),
        ("primaryKey", JsonFields.Flag(PrimaryKey, Source, "primaryKey")),
        ("classification", JsonFields.Text(Classification)),
        ("quality", JsonFields.Array(Quality, r => r.ToJson())),
        ("customProperties", CustomProperties.With(Source["customProperties"], ContractNormalizer.PiiCustomProperty, Pii ? JsonValue.Create(true) : null)),
    ], "id");
}

/// <summary>ODCS customProperties: a list of { property, value } entries.</summary>
internal static class CustomProperties
{
    /// <summary>The list with <paramref name="property"/> set to <paramref name="value"/> (removed when null); null when the list ends up empty.</summary>
    public static JsonArray? With(JsonNode? list, string property, JsonNode? value)
    {
        var result = new JsonArray();
        var replaced = false;
        foreach (var entry in list as JsonArray ?? [])
        {
            if (entry is JsonObject o && JsonFields.String(o, "property") == property)
            {
                if (value is not null && !replaced) result.Add(JsonFields.Merge(o, [("value", value.DeepClone())], "property"));
                replaced = true;
                continue;
            }
            result.Add(entry?.DeepClone());
        }
        if (!replaced && value is not null) result.Add(new JsonObject { ["property"] = property, ["value"] = value.DeepClone() });
        return result.Count == 0 ? null : result;
    }
}

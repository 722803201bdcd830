using System.Text.Json.Nodes;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>A schema object (table, view, topic, file) with its properties and its object-level quality rules.</summary>
public sealed class DraftObject
{
    public static readonly string[] PhysicalTypes = ["table", "view", "topic", "file"];

    public string Name { get; set; } = "";
    public string? PhysicalName { get; set; }
    public string? PhysicalType { get; set; } = "table";
    public string? Description { get; set; }
    public List<DraftProperty> Properties { get; } = [];
    public List<DraftRule> Quality { get; } = [];
    public JsonObject Source { get; private set; } = new();

    public static DraftObject FromJson(JsonObject node)
    {
        var o = new DraftObject
        {
            Name = JsonFields.String(node, "name") ?? "",
            PhysicalName = JsonFields.String(node, "physicalName"),
            PhysicalType = JsonFields.String(node, "physicalType"),
            Description = JsonFields.String(node, "description"),
            Source = (JsonObject)node.DeepClone(),
        };
        o.Properties.AddRange((node["properties"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftProperty.FromJson));
        o.Quality.AddRange((node["quality"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftRule.FromJson));
        return o;
    }

    public JsonObject ToJson() => JsonFields.Merge(Source,
    [
        ("name", JsonFields.Text(Name)),
        ("physicalName", JsonFields.Text(PhysicalName)),
        ("physicalType", JsonFields.Text(PhysicalType)),
        ("description", JsonFields.Text(Description)),
        ("properties", JsonFields.Array(Properties, p => p.ToJson())),
        ("quality", JsonFields.Array(Quality, r => r.ToJson())),
    ], "id");

    /// <summary>Moves a property up (-1) or down (+1) in the list; nothing happens at the ends.</summary>
    public void MoveProperty(DraftProperty property, int offset)
    {
        var index = Properties.IndexOf(property);
        var target = index + offset;
        if (index < 0 || target < 0 || target >= Properties.Count) return;
        Properties.RemoveAt(index);
        Properties.Insert(target, property);
    }
}

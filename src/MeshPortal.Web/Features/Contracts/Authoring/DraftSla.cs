using System.Text.Json.Nodes;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>One service-level promise: latency, freshness, frequency, availability, retention (or any other ODCS SLA property).</summary>
public sealed class DraftSla
{
    public static readonly string[] CommonProperties = ["latency", "freshness", "frequency", "availability", "retention"];
    public static readonly string[] DurationUnits = ["m", "h", "d", "w", "mo", "y"];
    public static readonly string[] Drivers = ["regulatory", "analytics", "operational"];

    public string Property { get; set; } = "latency";
    public string? Value { get; set; }
    public string? Unit { get; set; } = "h";
    public string? Element { get; set; }
    public string? Driver { get; set; }
    public JsonObject Source { get; private set; } = new();

    /// <summary>Availability is a percentage; the other common properties are durations.</summary>
    public IReadOnlyList<string> UnitChoices => Property == "availability" ? ["percent"] : DurationUnits;

    public static DraftSla FromJson(JsonObject node) => new()
    {
        Property = JsonFields.String(node, "property") ?? "",
        Value = JsonFields.Display(node["value"]),
        Unit = JsonFields.String(node, "unit"),
        Element = JsonFields.String(node, "element"),
        Driver = JsonFields.String(node, "driver"),
        Source = (JsonObject)node.DeepClone(),
    };

    public JsonObject ToJson() => JsonFields.Merge(Source,
    [
        ("property", JsonValue.Create(Property.Trim())),
        // An empty value is left out: the schema requires one, and the wizard's own check says so beside the field.
        ("value", JsonFields.NumberOrText(Value)),
        ("unit", JsonFields.Text(Unit)),
        ("element", JsonFields.Text(Element)),
        ("driver", JsonFields.Text(Driver)),
    ], "id");
}

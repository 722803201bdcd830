using System.Text.Json.Nodes;

namespace MeshPortal.Domain.Contracts;

/// <summary>
/// The parts of an ODCS document the portal reasons about — objects, properties, quality rules, SLAs — read
/// out of the canonical document. The document itself stays the source of truth; this is a view of it.
/// </summary>
public sealed record NormalizedContract(
    string Id,
    string Version,
    string Status,
    string? Name,
    string? OdcsDomain,
    string? Purpose,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ContractObject> Objects,
    IReadOnlyList<SlaProperty> Sla,
    ParentReference? Parent)
{
    public IEnumerable<ContractProperty> AllProperties => Objects.SelectMany(o => o.Properties.SelectMany(p => p.SelfAndDescendants()));
}

public sealed record ContractObject(
    string Name,
    string? PhysicalName,
    string? PhysicalType,
    string? BusinessName,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ContractProperty> Properties,
    IReadOnlyList<QualityRule> Quality);

public sealed record ContractProperty(
    string Path,
    string Name,
    string? StableId,
    string? LogicalType,
    string? PhysicalType,
    string? PhysicalName,
    string? BusinessName,
    string? Description,
    bool Required,
    bool Unique,
    bool PrimaryKey,
    bool Partitioned,
    bool CriticalDataElement,
    string? Classification,
    bool Pii,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string>? ValidValues,
    string? Pattern,
    IReadOnlyList<string> Examples,
    IReadOnlyList<QualityRule> Quality,
    IReadOnlyList<ContractProperty> Children)
{
    public IEnumerable<ContractProperty> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>
/// One ODCS quality rule. <see cref="Key"/> identifies it across versions: its name, else its metric, else its query.
/// <see cref="Threshold"/> is the operator's operand (a number, or a two-number array for the between operators).
/// </summary>
public sealed record QualityRule(
    string Key,
    string Type,
    string? Metric,
    string? Name,
    string? Description,
    string? Operator,
    JsonNode? Threshold,
    string? Unit,
    string? Severity,
    string? Dimension,
    string? Query,
    string? Engine,
    JsonObject? Arguments)
{
    public static readonly string[] Operators =
        ["mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"];

    /// <summary>Rules fail the contract unless they say they only warn.</summary>
    public bool OnlyWarns => Severity is "info" or "warning" or "warn";
}

/// <summary>One SLA entry. <see cref="Key"/> is its property (and element), numbered when a contract repeats it.</summary>
public sealed record SlaProperty(string Key, string Property, string? Element, JsonNode? Value, string? Unit, string? Driver)
{
    public static IReadOnlyList<SlaProperty> ReadAll(JsonArray? sla)
    {
        var list = new List<SlaProperty>();
        foreach (var s in (sla ?? []).OfType<JsonObject>())
        {
            var property = ContractNormalizer.Text(s, "property") ?? "";
            var element = ContractNormalizer.Text(s, "element");
            var key = element is null ? property : $"{property}@{element}";
            var unique = key;
            for (var n = 2; list.Any(x => x.Key == unique); n++) unique = $"{key}#{n}";
            list.Add(new SlaProperty(unique, property, element, s["value"]?.DeepClone(), ContractNormalizer.Text(s, "unit"), ContractNormalizer.Text(s, "driver")));
        }
        return list;
    }
}

/// <summary>The contract version a child extends: kept in customProperties as "meshportal.extends" = "id@version".</summary>
public sealed record ParentReference(string ContractId, string Version)
{
    public const string CustomProperty = "meshportal.extends";

    public override string ToString() => $"{ContractId}@{Version}";

    public static ParentReference? TryParse(string? text)
    {
        var at = text?.LastIndexOf('@') ?? -1;
        return at <= 0 || at == text!.Length - 1 ? null : new ParentReference(text[..at], text[(at + 1)..]);
    }
}

using System.Text.Json.Nodes;

namespace MeshPortal.Domain.Contracts;

public enum ChangeImpact
{
    Cosmetic,
    Additive,
    Breaking,
}

/// <summary>One difference between two contract versions, with what it means for consumers.</summary>
public sealed record ContractChange(string Path, string Kind, string? Before, string? After, ChangeImpact Impact);

public sealed record ContractDiffResult(IReadOnlyList<ContractChange> Changes)
{
    /// <summary>Breaking → major, additive → minor, anything else → patch.</summary>
    public VersionBump RequiredBump => Changes.Count == 0 ? VersionBump.Patch : Changes.Max(c => c.Impact) switch
    {
        ChangeImpact.Breaking => VersionBump.Major,
        ChangeImpact.Additive => VersionBump.Minor,
        _ => VersionBump.Patch,
    };

    /// <summary>The changes that need more than <paramref name="bump"/>.</summary>
    public IEnumerable<ContractChange> RequiringMoreThan(VersionBump bump) => Changes.Where(c => ToBump(c.Impact) > bump);

    public static VersionBump ToBump(ChangeImpact impact) => impact switch
    {
        ChangeImpact.Breaking => VersionBump.Major,
        ChangeImpact.Additive => VersionBump.Minor,
        _ => VersionBump.Patch,
    };
}

/// <summary>
/// Compares two versions of a contract the way a consumer would judge them: what can break a reader
/// (removals, renames, lossy type changes, tighter rules, weaker SLAs), what only adds, and what is cosmetic.
/// </summary>
public static class ContractDiff
{
    private static readonly (string Field, ChangeImpact Impact)[] TopLevelFields =
    [
        ("name", ChangeImpact.Cosmetic), ("dataProduct", ChangeImpact.Cosmetic), ("domain", ChangeImpact.Cosmetic), ("tenant", ChangeImpact.Cosmetic),
        ("tags", ChangeImpact.Cosmetic), ("description", ChangeImpact.Cosmetic), ("team", ChangeImpact.Cosmetic), ("roles", ChangeImpact.Cosmetic),
        ("support", ChangeImpact.Cosmetic), ("price", ChangeImpact.Cosmetic), ("authoritativeDefinitions", ChangeImpact.Cosmetic),
        ("customProperties", ChangeImpact.Cosmetic), ("slaDefaultElement", ChangeImpact.Cosmetic),
    ];

    public static ContractDiffResult Compare(JsonObject from, JsonObject to)
    {
        var changes = new List<ContractChange>();
        foreach (var (field, impact) in TopLevelFields)
        {
            if (!JsonNode.DeepEquals(from[field], to[field]))
                changes.Add(new(field, field + "-changed", Short(from[field]), Short(to[field]), impact));
        }
        CompareServers(from["servers"] as JsonArray, to["servers"] as JsonArray, changes);
        var a = ContractNormalizer.Normalize(from);
        var b = ContractNormalizer.Normalize(to);
        CompareObjects(a.Objects, b.Objects, changes);
        CompareSla(a.Sla, b.Sla, changes);
        return new ContractDiffResult(changes);
    }

    private static void CompareServers(JsonArray? from, JsonArray? to, List<ContractChange> changes)
    {
        var a = (from ?? []).OfType<JsonObject>().ToDictionary(s => ContractNormalizer.Text(s, "server") ?? "", s => s);
        var b = (to ?? []).OfType<JsonObject>().ToDictionary(s => ContractNormalizer.Text(s, "server") ?? "", s => s);
        foreach (var (name, server) in a)
        {
            if (!b.TryGetValue(name, out var other)) changes.Add(new($"servers[{name}]", "server-removed", Short(server), null, ChangeImpact.Breaking));
            else if (!JsonNode.DeepEquals(server, other)) changes.Add(new($"servers[{name}]", "server-changed", Short(server), Short(other), ChangeImpact.Breaking));
        }
        foreach (var (name, server) in b.Where(s => !a.ContainsKey(s.Key)))
            changes.Add(new($"servers[{name}]", "server-added", null, Short(server), ChangeImpact.Additive));
    }

    private static void CompareObjects(IReadOnlyList<ContractObject> from, IReadOnlyList<ContractObject> to, List<ContractChange> changes)
    {
        foreach (var o in from)
        {
            var other = to.FirstOrDefault(x => x.Name == o.Name);
            if (other is null)
            {
                changes.Add(new(o.Name, "object-removed", o.Name, null, ChangeImpact.Breaking));
                continue;
            }
            if (o.PhysicalName != other.PhysicalName) changes.Add(new($"{o.Name}.physicalName", "physical-name-changed", o.PhysicalName, other.PhysicalName, ChangeImpact.Breaking));
            Cosmetic(changes, o.Name, "description", o.Description, other.Description);
            Cosmetic(changes, o.Name, "businessName", o.BusinessName, other.BusinessName);
            Cosmetic(changes, o.Name, "tags", Join(o.Tags), Join(other.Tags));
            CompareRules(o.Name, o.Quality, other.Quality, changes);
            CompareProperties(o.Properties, other.Properties, changes);
        }
        foreach (var o in to.Where(x => from.All(y => y.Name != x.Name)))
            changes.Add(new(o.Name, "object-added", null, o.Name, ChangeImpact.Additive));
    }

    private static void CompareProperties(IReadOnlyList<ContractProperty> from, IReadOnlyList<ContractProperty> to, List<ContractChange> changes)
    {
        var added = to.Where(p => from.All(f => f.Name != p.Name)).ToList();
        foreach (var p in from)
        {
            var other = to.FirstOrDefault(x => x.Name == p.Name);
            if (other is null)
            {
                // A property that kept its stable id or physical name under a new name was renamed, not removed.
                var renamed = added.FirstOrDefault(x => (p.StableId is not null && x.StableId == p.StableId) || (p.PhysicalName is not null && x.PhysicalName == p.PhysicalName));
                if (renamed is not null)
                {
                    added.Remove(renamed);
                    changes.Add(new(p.Path, "property-renamed", p.Name, renamed.Name, ChangeImpact.Breaking));
                    CompareProperty(p, renamed, changes);
                }
                else changes.Add(new(p.Path, "property-removed", p.Name, null, ChangeImpact.Breaking));
                continue;
            }
            CompareProperty(p, other, changes);
        }
        foreach (var p in added)
            changes.Add(new(p.Path, "property-added", null, Describe(p), p.Required || p.PrimaryKey ? ChangeImpact.Breaking : ChangeImpact.Additive));
    }

    private static void CompareProperty(ContractProperty a, ContractProperty b, List<ContractChange> changes)
    {
        var path = b.Path;
        var type = Strictness.TypeChange(a.LogicalType, a.PhysicalType, b.LogicalType, b.PhysicalType);
        if (type != Movement.Same)
            changes.Add(new($"{path}.type", "type-changed", TypeText(a), TypeText(b), type == Movement.Looser ? ChangeImpact.Additive : ChangeImpact.Breaking));
        Flag(changes, path, "required", a.Required, b.Required);
        Flag(changes, path, "unique", a.Unique, b.Unique);
        Flag(changes, path, "primaryKey", a.PrimaryKey, b.PrimaryKey);
        if (a.PhysicalName != b.PhysicalName) changes.Add(new($"{path}.physicalName", "physical-name-changed", a.PhysicalName, b.PhysicalName, ChangeImpact.Breaking));
        var rank = Strictness.ClassificationRank(b.Classification) - Strictness.ClassificationRank(a.Classification);
        if (a.Classification != b.Classification)
            changes.Add(new($"{path}.classification", "classification-changed", a.Classification, b.Classification, rank > 0 ? ChangeImpact.Breaking : rank < 0 ? ChangeImpact.Additive : ChangeImpact.Cosmetic));
        if (a.Pii != b.Pii) changes.Add(new($"{path}.pii", "pii-changed", a.Pii.ToString().ToLowerInvariant(), b.Pii.ToString().ToLowerInvariant(), b.Pii ? ChangeImpact.Breaking : ChangeImpact.Additive));
        CompareValidValues(path, a.ValidValues, b.ValidValues, changes);
        if (a.Pattern != b.Pattern)
            changes.Add(new($"{path}.pattern", "pattern-changed", a.Pattern, b.Pattern, b.Pattern is null ? ChangeImpact.Additive : ChangeImpact.Breaking));
        Cosmetic(changes, path, "description", a.Description, b.Description);
        Cosmetic(changes, path, "businessName", a.BusinessName, b.BusinessName);
        Cosmetic(changes, path, "tags", Join(a.Tags), Join(b.Tags));
        Cosmetic(changes, path, "examples", Join(a.Examples), Join(b.Examples));
        if (a.CriticalDataElement != b.CriticalDataElement)
            changes.Add(new($"{path}.criticalDataElement", "critical-data-element-changed", a.CriticalDataElement.ToString().ToLowerInvariant(), b.CriticalDataElement.ToString().ToLowerInvariant(), ChangeImpact.Cosmetic));
        if (a.Partitioned != b.Partitioned)
            changes.Add(new($"{path}.partitioned", "partitioning-changed", a.Partitioned.ToString().ToLowerInvariant(), b.Partitioned.ToString().ToLowerInvariant(), ChangeImpact.Additive));
        CompareRules(path, a.Quality, b.Quality, changes);
        CompareProperties(a.Children, b.Children, changes);
    }

    private static void CompareValidValues(string path, IReadOnlyList<string>? a, IReadOnlyList<string>? b, List<ContractChange> changes)
    {
        if (a is null && b is null) return;
        if (a is null) { changes.Add(new($"{path}.validValues", "valid-values-added", null, Join(b!), ChangeImpact.Breaking)); return; }
        if (b is null) { changes.Add(new($"{path}.validValues", "valid-values-removed", Join(a), null, ChangeImpact.Additive)); return; }
        var removed = a.Except(b).ToList();
        var added = b.Except(a).ToList();
        if (removed.Count > 0) changes.Add(new($"{path}.validValues", "valid-values-narrowed", Join(removed), null, ChangeImpact.Breaking));
        if (added.Count > 0) changes.Add(new($"{path}.validValues", "valid-values-widened", null, Join(added), ChangeImpact.Additive));
    }

    private static void CompareRules(string path, IReadOnlyList<QualityRule> from, IReadOnlyList<QualityRule> to, List<ContractChange> changes)
    {
        foreach (var rule in from)
        {
            var other = to.FirstOrDefault(r => r.Key == rule.Key);
            var rulePath = $"{path}.quality[{rule.Key}]";
            if (other is null)
            {
                changes.Add(new(rulePath, "quality-rule-removed", RuleText(rule), null, ChangeImpact.Additive));
                continue;
            }
            var threshold = rule.Unit == other.Unit ? Strictness.Threshold(rule.Operator, rule.Threshold, other.Operator, other.Threshold) : Movement.Incomparable;
            if (threshold != Movement.Same)
                changes.Add(new(rulePath, "quality-threshold-changed", RuleText(rule), RuleText(other), threshold == Movement.Looser ? ChangeImpact.Additive : ChangeImpact.Breaking));
            if (rule.OnlyWarns != other.OnlyWarns)
                changes.Add(new($"{rulePath}.severity", "quality-severity-changed", rule.Severity, other.Severity, other.OnlyWarns ? ChangeImpact.Additive : ChangeImpact.Breaking));
            if (rule.Query != other.Query || !JsonNode.DeepEquals(OtherArguments(rule), OtherArguments(other)))
                changes.Add(new(rulePath, "quality-rule-changed", rule.Query ?? Short(rule.Arguments), other.Query ?? Short(other.Arguments), ChangeImpact.Breaking));
            Cosmetic(changes, rulePath, "description", rule.Description, other.Description);
        }
        foreach (var rule in to.Where(r => from.All(f => f.Key != r.Key)))
            changes.Add(new($"{path}.quality[{rule.Key}]", "quality-rule-added", null, RuleText(rule),
                rule.OnlyWarns || rule.Type is "text" or "custom" ? ChangeImpact.Additive : ChangeImpact.Breaking));
    }

    /// <summary>Rule arguments other than valid values and patterns, which are compared per property (narrowed or widened).</summary>
    private static JsonObject? OtherArguments(QualityRule rule)
    {
        if (rule.Arguments is null) return null;
        var copy = (JsonObject)rule.Arguments.DeepClone();
        copy.Remove("validValues");
        copy.Remove("pattern");
        return copy;
    }

    private static void CompareSla(IReadOnlyList<SlaProperty> from, IReadOnlyList<SlaProperty> to, List<ContractChange> changes)
    {
        foreach (var sla in from)
        {
            var other = to.FirstOrDefault(s => s.Key == sla.Key);
            var path = $"slaProperties[{sla.Key}]";
            if (other is null)
            {
                changes.Add(new(path, "sla-removed", SlaText(sla), null, ChangeImpact.Breaking));
                continue;
            }
            var movement = Strictness.Sla(sla.Property, sla.Value, sla.Unit, other.Value, other.Unit);
            if (movement != Movement.Same)
                changes.Add(new(path, "sla-changed", SlaText(sla), SlaText(other), movement == Movement.Looser ? ChangeImpact.Additive : ChangeImpact.Breaking));
        }
        foreach (var sla in to.Where(s => from.All(f => f.Key != s.Key)))
            changes.Add(new($"slaProperties[{sla.Key}]", "sla-added", null, SlaText(sla), ChangeImpact.Additive));
    }

    private static void Flag(List<ContractChange> changes, string path, string name, bool before, bool after)
    {
        // Adding a guarantee (required, unique, key) constrains producers and old data: breaking. Dropping one only loosens.
        if (before != after)
            changes.Add(new($"{path}.{name}", name + "-changed", before.ToString().ToLowerInvariant(), after.ToString().ToLowerInvariant(), after ? ChangeImpact.Breaking : ChangeImpact.Additive));
    }

    private static void Cosmetic(List<ContractChange> changes, string path, string field, string? before, string? after)
    {
        if (before != after) changes.Add(new($"{path}.{field}", field + "-changed", before, after, ChangeImpact.Cosmetic));
    }

    public static string TypeText(ContractProperty p) => string.Join(" / ", new[] { p.LogicalType, p.PhysicalType }.Where(t => t is not null));

    public static string RuleText(QualityRule r) =>
        string.Join(" ", new[] { r.Metric ?? r.Type, r.Operator, r.Threshold?.ToJsonString(), r.Unit, r.Severity is null ? null : $"({r.Severity})" }.Where(x => x is not null));

    public static string SlaText(SlaProperty s) => $"{s.Property} {s.Value?.ToJsonString()} {s.Unit}".Trim();

    private static string Describe(ContractProperty p) => $"{p.Name}: {TypeText(p)}{(p.Required ? ", required" : "")}";

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string? Short(JsonNode? node)
    {
        if (node is null) return null;
        var json = node.ToJsonString();
        return json.Length > 300 ? json[..297] + "..." : json;
    }
}

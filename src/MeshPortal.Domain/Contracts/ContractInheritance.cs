using System.Text.Json.Nodes;

namespace MeshPortal.Domain.Contracts;

/// <summary>Why a child contract may not refine its parent the way it does.</summary>
public sealed record InheritanceViolation(string Path, string Reason);

public sealed record FlattenResult(JsonObject Effective, IReadOnlyList<InheritanceViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;
}

/// <summary>
/// Contract inheritance, like a subtype: the child gets the parent's objects, properties, quality rules and SLA,
/// and may add, refine descriptions and tighten — never remove or loosen. Objects the child does not declare are
/// inherited whole; an object it declares lists every inherited property (fields it leaves out are inherited);
/// quality rules and SLA entries it does not repeat are inherited.
/// </summary>
public static class ContractInheritance
{
    // The child's own identity; never taken from the parent.
    private static readonly HashSet<string> OwnFields = ["id", "version", "status", "apiVersion", "kind", "contractCreatedTs", "schema", "slaProperties", "description", "customProperties"];

    public static FlattenResult Flatten(JsonObject parentEffective, JsonObject child)
    {
        var violations = new List<InheritanceViolation>();
        var effective = (JsonObject)child.DeepClone();
        foreach (var (field, value) in parentEffective)
        {
            if (!OwnFields.Contains(field) && !effective.ContainsKey(field)) effective[field] = value?.DeepClone();
        }
        effective["description"] = MergeFields(parentEffective["description"] as JsonObject, child["description"] as JsonObject);
        if (effective["description"] is null) effective.Remove("description");

        var objects = new JsonArray();
        var childObjects = (child["schema"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var parentObject in (parentEffective["schema"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = ContractNormalizer.Text(parentObject, "name");
            var declared = childObjects.FirstOrDefault(o => ContractNormalizer.Text(o, "name") == name);
            objects.Add(declared is null ? parentObject.DeepClone() : MergeElement(parentObject, declared, name ?? "", violations));
        }
        foreach (var own in childObjects.Where(o => objects.OfType<JsonObject>().All(e => ContractNormalizer.Text(e, "name") != ContractNormalizer.Text(o, "name"))))
            objects.Add(own.DeepClone());
        if (objects.Count > 0) effective["schema"] = objects;

        var sla = MergeSla(parentEffective["slaProperties"] as JsonArray, child["slaProperties"] as JsonArray, violations);
        if (sla.Count > 0) effective["slaProperties"] = sla;
        return new FlattenResult(effective, violations);
    }

    /// <summary>Merges an object or property the child redeclares: child fields win, after checking they do not loosen.</summary>
    private static JsonObject MergeElement(JsonObject parent, JsonObject child, string path, List<InheritanceViolation> violations)
    {
        var merged = MergeFields(parent, child)!;
        CheckProperty(parent, child, path, violations);

        var parentProperties = (parent["properties"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (parentProperties.Count > 0)
        {
            var childProperties = (child["properties"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var properties = new JsonArray();
            foreach (var p in parentProperties)
            {
                var name = ContractNormalizer.Text(p, "name") ?? "";
                var declared = childProperties.FirstOrDefault(c => ContractNormalizer.Text(c, "name") == name);
                if (declared is null)
                {
                    violations.Add(new($"{path}.{name}", $"removes the inherited property '{name}'; a child may add properties but not remove them."));
                    properties.Add(p.DeepClone());
                    continue;
                }
                properties.Add(MergeElement(p, declared, $"{path}.{name}", violations));
            }
            foreach (var own in childProperties.Where(c => parentProperties.All(p => ContractNormalizer.Text(p, "name") != ContractNormalizer.Text(c, "name"))))
                properties.Add(own.DeepClone());
            merged["properties"] = properties;
        }
        var quality = MergeRules(parent["quality"] as JsonArray, child["quality"] as JsonArray, path, violations);
        if (quality.Count > 0) merged["quality"] = quality;
        else merged.Remove("quality");
        return merged;
    }

    private static void CheckProperty(JsonObject parent, JsonObject child, string path, List<InheritanceViolation> violations)
    {
        string? Text(JsonObject o, string f) => ContractNormalizer.Text(o, f);
        bool Flag(JsonObject o, string f) => o[f]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

        if (child.ContainsKey("logicalType") || child.ContainsKey("physicalType"))
        {
            var movement = Strictness.TypeChange(Text(parent, "logicalType"), Text(parent, "physicalType"),
                Text(child, "logicalType") ?? Text(parent, "logicalType"), Text(child, "physicalType") ?? Text(parent, "physicalType"));
            if (movement is Movement.Looser or Movement.Incomparable)
                violations.Add(new($"{path}.type", $"loosens the inherited type {Text(parent, "logicalType")} {Text(parent, "physicalType")} to {Text(child, "logicalType") ?? Text(parent, "logicalType")} {Text(child, "physicalType") ?? Text(parent, "physicalType")}."));
        }
        foreach (var flag in new[] { "required", "unique", "primaryKey" })
        {
            if (Flag(parent, flag) && child.ContainsKey(flag) && !Flag(child, flag))
                violations.Add(new($"{path}.{flag}", $"drops the inherited '{flag}: true'."));
        }
        if (child.ContainsKey("classification") && Strictness.ClassificationRank(Text(child, "classification")) < Strictness.ClassificationRank(Text(parent, "classification")))
            violations.Add(new($"{path}.classification", $"lowers the inherited classification '{Text(parent, "classification")}' to '{Text(child, "classification")}'."));
        if (parent["logicalTypeOptions"]?["enum"] is JsonArray allowed && child["logicalTypeOptions"]?["enum"] is JsonArray childAllowed)
        {
            var extra = childAllowed.Select(v => v?.ToJsonString()).Except(allowed.Select(v => v?.ToJsonString())).ToList();
            if (extra.Count > 0) violations.Add(new($"{path}.validValues", $"allows values the parent does not: {string.Join(", ", extra)}."));
        }
    }

    private static JsonArray MergeRules(JsonArray? parent, JsonArray? child, string path, List<InheritanceViolation> violations)
    {
        var parentRules = ContractNormalizer.Rules(parent);
        var childRules = ContractNormalizer.Rules(child);
        var parentNodes = (parent ?? []).OfType<JsonObject>().ToList();
        var childNodes = (child ?? []).OfType<JsonObject>().ToList();
        var merged = new JsonArray();
        for (var i = 0; i < parentRules.Count; i++)
        {
            var rule = parentRules[i];
            var index = childRules.ToList().FindIndex(r => r.Key == rule.Key);
            if (index < 0)
            {
                merged.Add(parentNodes[i].DeepClone());
                continue;
            }
            var refined = childRules[index];
            var movement = rule.Unit == refined.Unit ? Strictness.Threshold(rule.Operator, rule.Threshold, refined.Operator, refined.Threshold) : Movement.Incomparable;
            if (movement is Movement.Looser or Movement.Incomparable)
                violations.Add(new($"{path}.quality[{rule.Key}]", $"loosens the inherited rule '{ContractDiff.RuleText(rule)}' to '{ContractDiff.RuleText(refined)}'."));
            if (!rule.OnlyWarns && refined.OnlyWarns)
                violations.Add(new($"{path}.quality[{rule.Key}].severity", $"lowers the inherited severity '{rule.Severity ?? "error"}' to '{refined.Severity}'."));
            merged.Add(childNodes[index].DeepClone());
        }
        for (var i = 0; i < childRules.Count; i++)
        {
            if (parentRules.All(r => r.Key != childRules[i].Key)) merged.Add(childNodes[i].DeepClone());
        }
        return merged;
    }

    private static JsonArray MergeSla(JsonArray? parent, JsonArray? child, List<InheritanceViolation> violations)
    {
        var parentNodes = (parent ?? []).OfType<JsonObject>().ToList();
        var childNodes = (child ?? []).OfType<JsonObject>().ToList();
        var parentSla = SlaProperty.ReadAll(parent);
        var childSla = SlaProperty.ReadAll(child);
        var merged = new JsonArray();
        for (var i = 0; i < parentSla.Count; i++)
        {
            var inherited = parentSla[i];
            var index = childSla.ToList().FindIndex(c => c.Key == inherited.Key);
            if (index < 0)
            {
                merged.Add(parentNodes[i].DeepClone());
                continue;
            }
            var refined = childSla[index];
            var movement = Strictness.Sla(inherited.Property, inherited.Value, inherited.Unit, refined.Value, refined.Unit);
            if (movement is Movement.Tighter or Movement.Incomparable)
                violations.Add(new($"slaProperties[{inherited.Key}]", $"weakens the inherited SLA '{ContractDiff.SlaText(inherited)}' to '{ContractDiff.SlaText(refined)}'."));
            merged.Add(childNodes[index].DeepClone());
        }
        for (var i = 0; i < childSla.Count; i++)
        {
            if (parentSla.All(p => p.Key != childSla[i].Key)) merged.Add(childNodes[i].DeepClone());
        }
        return merged;
    }

    /// <summary>Field-by-field: the child's value where it has one, the parent's otherwise.</summary>
    private static JsonObject? MergeFields(JsonObject? parent, JsonObject? child)
    {
        if (parent is null) return (JsonObject?)child?.DeepClone();
        var merged = (JsonObject)parent.DeepClone();
        foreach (var (field, value) in child ?? []) merged[field] = value?.DeepClone();
        return merged;
    }
}

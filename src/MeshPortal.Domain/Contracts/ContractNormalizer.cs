using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshPortal.Domain.Contracts;

/// <summary>Reads a <see cref="NormalizedContract"/> out of a schema-valid ODCS document.</summary>
public static class ContractNormalizer
{
    public const string PiiCustomProperty = "pii";

    public static NormalizedContract Normalize(JsonObject doc) => new(
        Id: Text(doc, "id") ?? "",
        Version: Text(doc, "version") ?? "",
        Status: Text(doc, "status") ?? "",
        Name: Text(doc, "name") ?? Text(doc, "dataProduct"),
        OdcsDomain: Text(doc, "domain"),
        Purpose: doc["description"] is JsonObject d ? Text(d, "purpose") : null,
        Tags: Strings(doc["tags"]),
        Objects: (doc["schema"] as JsonArray ?? []).OfType<JsonObject>().Select(Object).ToList(),
        Sla: SlaProperty.ReadAll(doc["slaProperties"] as JsonArray),
        Parent: ParentReference.TryParse(CustomProperty(doc, ParentReference.CustomProperty)));

    private static ContractObject Object(JsonObject o)
    {
        var name = Text(o, "name") ?? "";
        return new ContractObject(
            name, Text(o, "physicalName"), Text(o, "physicalType"), Text(o, "businessName"), Text(o, "description"),
            Strings(o["tags"]),
            (o["properties"] as JsonArray ?? []).OfType<JsonObject>().Select(p => Property(p, name)).ToList(),
            Rules(o["quality"]));
    }

    private static ContractProperty Property(JsonObject p, string parentPath)
    {
        var name = Text(p, "name") ?? "";
        var path = $"{parentPath}.{name}";
        var quality = Rules(p["quality"]);
        var options = p["logicalTypeOptions"] as JsonObject;
        var children = (p["properties"] as JsonArray ?? []).OfType<JsonObject>().Select(c => Property(c, path)).ToList();
        if (p["items"] is JsonObject items)
        {
            // Array items are addressed as "name[]"; their own nested properties continue from there.
            var itemPath = path + "[]";
            children.AddRange((items["properties"] as JsonArray ?? []).OfType<JsonObject>().Select(c => Property(c, itemPath)));
        }
        var validValues = options?["enum"] is JsonArray e ? Strings(e)
            : quality.Where(r => r.Metric == "invalidValues" && r.Arguments?["validValues"] is JsonArray).Select(r => Strings(r.Arguments!["validValues"])).FirstOrDefault();
        var pattern = Text(options, "pattern") ?? quality.Where(r => r.Metric == "invalidValues").Select(r => Text(r.Arguments, "pattern")).FirstOrDefault(x => x is not null);
        return new ContractProperty(
            path, name, Text(p, "id"), Text(p, "logicalType"), Text(p, "physicalType"), Text(p, "physicalName"), Text(p, "businessName"), Text(p, "description"),
            Bool(p, "required"), Bool(p, "unique"), Bool(p, "primaryKey"), Bool(p, "partitioned"), Bool(p, "criticalDataElement"),
            Text(p, "classification")?.ToLowerInvariant(),
            string.Equals(CustomProperty(p, PiiCustomProperty), "true", StringComparison.OrdinalIgnoreCase),
            Strings(p["tags"]), validValues, pattern,
            (p["examples"] as JsonArray ?? []).Select(x => x?.ToJsonString() ?? "null").ToList(),
            quality, children);
    }

    public static IReadOnlyList<QualityRule> Rules(JsonNode? quality)
    {
        var rules = new List<QualityRule>();
        foreach (var r in (quality as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = Text(r, "type") ?? (r["metric"] is not null || r["rule"] is not null ? "library" : r["query"] is not null ? "sql" : "text");
            var metric = Text(r, "metric") ?? Text(r, "rule");
            var op = QualityRule.Operators.FirstOrDefault(o => r.ContainsKey(o));
            var key = Text(r, "name") ?? Text(r, "id") ?? type switch
            {
                "library" => metric ?? "library",
                "sql" => "sql:" + (Text(r, "query") ?? "").Trim(),
                "custom" => $"custom:{Text(r, "engine")}:{Text(r, "description")}",
                _ => $"{type}:{Text(r, "description")}",
            };
            // Two unnamed rules with the same metric stay apart by their position.
            var unique = key;
            for (var n = 2; rules.Any(x => x.Key == unique); n++) unique = $"{key}#{n}";
            rules.Add(new QualityRule(unique, type, metric, Text(r, "name"), Text(r, "description"), op, op is null ? null : r[op]?.DeepClone(),
                Text(r, "unit"), Text(r, "severity")?.ToLowerInvariant(), Text(r, "dimension"), Text(r, "query"), Text(r, "engine"), r["arguments"] as JsonObject));
        }
        return rules;
    }

    public static string? CustomProperty(JsonObject? node, string name) =>
        (node?["customProperties"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => Text(c, "property") == name)
            .Select(c => c["value"] is JsonValue v ? (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) : c["value"]?.ToJsonString())
            .FirstOrDefault();

    public static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        } : null;

    private static bool Bool(JsonObject node, string name) => node[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : x?.ToJsonString() ?? "null").ToList();
}

using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>
/// One ODCS quality rule as the wizard edits it: a library metric or a SQL query, compared with an operator.
/// Text and custom rules are kept as written (<see cref="IsEditable"/> is false).
/// </summary>
public sealed class DraftRule
{
    public static readonly string[] Metrics = ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"];
    public static readonly string[] Operators = QualityRule.Operators;
    public static readonly string[] Units = ["rows", "percent"];
    public static readonly string[] Severities = ["error", "warning"];
    public static readonly string[] Dimensions = ["accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness"];

    /// <summary>library, sql, text or custom.</summary>
    public string Type { get; set; } = "library";
    public string? Metric { get; set; } = "nullValues";
    public string? Query { get; set; }
    public string Operator { get; set; } = "mustBe";
    public string? Value { get; set; } = "0";
    /// <summary>The upper bound of the between operators.</summary>
    public string? Value2 { get; set; }
    public string? Unit { get; set; }
    /// <summary>missingValues: the values that count as missing, comma-separated.</summary>
    public string? MissingValues { get; set; }
    /// <summary>invalidValues: the only valid values, comma-separated.</summary>
    public string? ValidValues { get; set; }
    /// <summary>invalidValues: a regular expression valid values match.</summary>
    public string? Pattern { get; set; }
    public string? Severity { get; set; } = "error";
    public string? Dimension { get; set; }
    public string? Description { get; set; }
    public JsonObject Source { get; private set; } = new();

    public bool IsEditable => Type is "library" or "sql";
    public bool IsBetween => Operator is "mustBeBetween" or "mustNotBeBetween";

    public static DraftRule FromJson(JsonObject node)
    {
        var op = Operators.FirstOrDefault(node.ContainsKey);
        var threshold = op is null ? null : node[op];
        var args = node["arguments"] as JsonObject;
        var metric = JsonFields.String(node, "metric") ?? JsonFields.String(node, "rule");
        return new DraftRule
        {
            Type = JsonFields.String(node, "type") ?? (metric is not null ? "library" : node.ContainsKey("query") ? "sql" : "text"),
            Metric = metric,
            Query = JsonFields.String(node, "query"),
            Operator = op ?? "mustBe",
            Value = threshold is JsonArray pair ? JsonFields.Display(pair.Count > 0 ? pair[0] : null) : JsonFields.Display(threshold),
            Value2 = threshold is JsonArray upper && upper.Count > 1 ? JsonFields.Display(upper[1]) : null,
            Unit = JsonFields.String(node, "unit"),
            MissingValues = args?["missingValues"] is JsonArray ? JsonFields.ListToText(args["missingValues"]) : null,
            ValidValues = args?["validValues"] is JsonArray ? JsonFields.ListToText(args["validValues"]) : null,
            Pattern = JsonFields.String(args, "pattern"),
            Severity = JsonFields.String(node, "severity"),
            Dimension = JsonFields.String(node, "dimension"),
            Description = JsonFields.String(node, "description"),
            Source = (JsonObject)node.DeepClone(),
        };
    }

    public JsonObject ToJson()
    {
        if (!IsEditable) return (JsonObject)Source.DeepClone();
        var fields = new List<(string, JsonNode?)>
        {
            ("type", JsonValue.Create(Type)),
            ("metric", Type == "library" ? JsonFields.Text(Metric) : null),
            ("rule", null), // deprecated spelling of metric
            ("query", Type == "sql" ? JsonFields.Text(Query) : null),
        };
        fields.AddRange(Operators.Select(o => (o, o == Operator ? Threshold() : null)));
        fields.Add(("unit", JsonFields.Text(Unit)));
        fields.Add(("arguments", Arguments()));
        fields.Add(("severity", JsonFields.Text(Severity)));
        fields.Add(("dimension", JsonFields.Text(Dimension)));
        fields.Add(("description", JsonFields.Text(Description)));
        return JsonFields.Merge(Source, fields, "id", "name");
    }

    private JsonNode? Threshold()
    {
        if (IsBetween)
        {
            JsonFields.TryNumber(Value, out var low);
            JsonFields.TryNumber(Value2, out var high);
            return new JsonArray(low ?? JsonFields.NumberOrText(Value), high ?? JsonFields.NumberOrText(Value2));
        }
        return JsonFields.NumberOrText(Value);
    }

    private JsonObject? Arguments()
    {
        var args = Source["arguments"] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        Set(args, "missingValues", Type == "library" && Metric == "missingValues" ? JsonFields.ListFromText(MissingValues) : null);
        Set(args, "validValues", Type == "library" && Metric == "invalidValues" ? JsonFields.ListFromText(ValidValues) : null);
        Set(args, "pattern", Type == "library" && Metric == "invalidValues" ? JsonFields.Text(Pattern) : null);
        return args.Count == 0 ? null : args;
    }

    private static void Set(JsonObject node, string key, JsonNode? value)
    {
        if (value is null) node.Remove(key);
        else node[key] = value;
    }

    /// <summary>How the rule reads in a list: "nullValues mustBe 0 rows (error)".</summary>
    public string Summary()
    {
        var what = Type switch { "library" => Metric ?? "library", "sql" => "sql", _ => Description ?? Type };
        var threshold = IsBetween ? $"[{Value}, {Value2}]" : Value;
        return IsEditable ? $"{what} {Operator} {threshold} {Unit}".Trim() : what;
    }
}

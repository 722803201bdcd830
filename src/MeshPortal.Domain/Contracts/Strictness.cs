using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MeshPortal.Domain.Contracts;

/// <summary>How a constraint moved between two versions, from a consumer's point of view.</summary>
public enum Movement
{
    Same,
    /// <summary>Stricter, or a promise weakened: consumers may break (a type that loses data, a worse SLA).</summary>
    Tighter,
    /// <summary>More permissive for the producer, or a promise strengthened without affecting readers.</summary>
    Looser,
    /// <summary>Changed in a way that cannot be ordered; treated as breaking.</summary>
    Incomparable,
}

/// <summary>
/// The comparisons behind breaking-change detection and inheritance: types, thresholds, SLAs, classifications.
/// Shared so that "tightening" means the same thing when diffing versions and when checking a child contract.
/// </summary>
public static partial class Strictness
{
    private static readonly string[] ClassificationOrder = ["public", "internal", "restricted", "confidential"];

    /// <summary>Rank of a classification: higher is more restricted; unknown labels sit with "internal".</summary>
    public static int ClassificationRank(string? classification) =>
        classification is null ? 0 : Array.IndexOf(ClassificationOrder, classification.ToLowerInvariant()) is var i and >= 0 ? i : 1;

    // Logical types a value can move to without losing information.
    private static readonly Dictionary<string, string[]> LogicalWidening = new()
    {
        ["integer"] = ["number", "string"],
        ["number"] = ["string"],
        ["date"] = ["timestamp", "string"],
        ["time"] = ["string"],
        ["timestamp"] = ["string"],
        ["boolean"] = ["string", "integer", "number"],
    };

    // Physical integer families, narrowest first.
    private static readonly string[][] IntegerFamilies =
    [
        ["tinyint", "smallint", "int", "integer", "bigint", "hugeint"],
    ];

    /// <summary>
    /// A type change from <paramref name="from"/> to <paramref name="to"/>: Looser when every old value still fits
    /// (int → bigint, varchar(10) → varchar(20), integer → number), Tighter when values can be lost.
    /// </summary>
    public static Movement TypeChange(string? fromLogical, string? fromPhysical, string? toLogical, string? toPhysical)
    {
        var logical = Logical(fromLogical, toLogical);
        var physical = Physical(fromPhysical, toPhysical);
        if (logical == Movement.Same) return physical;
        if (physical == Movement.Same) return logical;
        return logical == physical ? logical : Movement.Tighter;
    }

    private static Movement Logical(string? from, string? to)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) return Movement.Same;
        if (from is null) return Movement.Tighter; // a type now declared constrains what was free
        if (to is null) return Movement.Looser;
        return LogicalWidening.TryGetValue(from, out var wider) && wider.Contains(to) ? Movement.Looser : Movement.Tighter;
    }

    [GeneratedRegex(@"^\s*([a-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PhysicalPattern();

    private static Movement Physical(string? from, string? to)
    {
        if (string.Equals(from?.Replace(" ", ""), to?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase)) return Movement.Same;
        if (from is null) return Movement.Tighter;
        if (to is null) return Movement.Looser;
        var a = PhysicalPattern().Match(from);
        var b = PhysicalPattern().Match(to);
        if (!a.Success || !b.Success) return Movement.Incomparable;
        var (baseA, baseB) = (Canonical(a.Groups[1].Value), Canonical(b.Groups[1].Value));
        if (baseA == baseB)
        {
            // Same base type, different size or precision: bigger holds everything smaller did.
            var sizeA = Size(a); var sizeB = Size(b);
            if (sizeA is null) return sizeB is null ? Movement.Same : Movement.Tighter;
            if (sizeB is null) return Movement.Looser;
            return sizeB.Value.Length >= sizeA.Value.Length && sizeB.Value.Scale >= sizeA.Value.Scale ? Movement.Looser : Movement.Tighter;
        }
        foreach (var family in IntegerFamilies)
        {
            var (i, j) = (Array.IndexOf(family, baseA), Array.IndexOf(family, baseB));
            if (i >= 0 && j >= 0) return j >= i ? Movement.Looser : Movement.Tighter;
        }
        if (baseB is "varchar" or "text" or "string") return Movement.Looser; // anything can be written as text
        return Movement.Tighter;
    }

    private static string Canonical(string type) => type.Trim().ToLowerInvariant() switch
    {
        "character varying" or "nvarchar" or "varchar2" => "varchar",
        "char" or "character" or "nchar" => "char",
        "numeric" => "decimal",
        "int4" => "int",
        "int8" => "bigint",
        "int2" => "smallint",
        var t => t,
    };

    private static (int Length, int Scale)? Size(Match m) =>
        m.Groups[2].Success ? (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0) : null;

    /// <summary>How a quality rule's condition moved. Tighter: fewer datasets pass (consumers rely on more).</summary>
    public static Movement Threshold(string? fromOperator, JsonNode? fromValue, string? toOperator, JsonNode? toValue)
    {
        if (fromOperator != toOperator) return fromOperator is null ? Movement.Tighter : toOperator is null ? Movement.Looser : Movement.Incomparable;
        if (JsonNode.DeepEquals(fromValue, toValue)) return Movement.Same;
        switch (fromOperator)
        {
            case "mustBeLessThan" or "mustBeLessOrEqualTo":
                return Compare(fromValue, toValue) is { } c ? (c > 0 ? Movement.Tighter : Movement.Looser) : Movement.Incomparable;
            case "mustBeGreaterThan" or "mustBeGreaterOrEqualTo":
                return Compare(fromValue, toValue) is { } g ? (g < 0 ? Movement.Tighter : Movement.Looser) : Movement.Incomparable;
            case "mustBeBetween" or "mustNotBeBetween":
                if (Range(fromValue) is not { } r1 || Range(toValue) is not { } r2) return Movement.Incomparable;
                var inside = r2.Low >= r1.Low && r2.High <= r1.High;
                var outside = r2.Low <= r1.Low && r2.High >= r1.High;
                // For "between", a narrower range is stricter; for "not between", a wider excluded range is.
                return (fromOperator == "mustBeBetween" ? inside : outside) ? Movement.Tighter
                    : (fromOperator == "mustBeBetween" ? outside : inside) ? Movement.Looser
                    : Movement.Incomparable;
            default:
                return Movement.Incomparable;
        }
    }

    /// <summary>How an SLA promise moved. Tighter here means worse for consumers (a weaker promise).</summary>
    public static Movement Sla(string property, JsonNode? fromValue, string? fromUnit, JsonNode? toValue, string? toUnit)
    {
        if (JsonNode.DeepEquals(fromValue, toValue) && string.Equals(fromUnit, toUnit, StringComparison.OrdinalIgnoreCase)) return Movement.Same;
        var a = Quantity(fromValue, fromUnit);
        var b = Quantity(toValue, toUnit);
        if (a is null || b is null) return Movement.Incomparable;
        var lowerIsBetter = property.ToLowerInvariant() is "latency" or "freshness" or "frequency" or "timetodetect" or "timetonotify" or "timetorepair" or "throughput.latency";
        var higherIsBetter = property.ToLowerInvariant() is "availability" or "retention" or "uptime" or "generalavailability" or "throughput";
        if (!lowerIsBetter && !higherIsBetter) return Movement.Incomparable;
        var better = lowerIsBetter ? b < a : b > a;
        return better ? Movement.Looser : Movement.Tighter;
    }

    private static double? Quantity(JsonNode? value, string? unit)
    {
        double? number = value is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.Number => (double?)AsNumber(v),
            JsonValueKind.String when double.TryParse(v.GetValue<string>().TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;
        if (number is null) return null;
        return (unit?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "%" or "percent" => number,
            "s" or "sec" or "second" or "seconds" => number,
            "m" or "min" or "minute" or "minutes" => number * 60,
            "h" or "hr" or "hour" or "hours" => number * 3600,
            "d" or "day" or "days" => number * 86400,
            "w" or "week" or "weeks" => number * 7 * 86400,
            "mo" or "month" or "months" => number * 30 * 86400,
            "y" or "yr" or "year" or "years" => number * 365 * 86400,
            _ => number,
        };
    }

    private static int? Compare(JsonNode? a, JsonNode? b) =>
        AsNumber(a) is { } x && AsNumber(b) is { } y ? x.CompareTo(y) : null;

    private static (decimal Low, decimal High)? Range(JsonNode? node) =>
        node is JsonArray { Count: 2 } a && AsNumber(a[0]) is { } low && AsNumber(a[1]) is { } high ? (Math.Min(low, high), Math.Max(low, high)) : null;

    /// <summary>Any JSON number as a decimal, whatever CLR type the node was built from.</summary>
    public static decimal? AsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}

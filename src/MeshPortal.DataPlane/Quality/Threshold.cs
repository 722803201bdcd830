using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshPortal.DataPlane.Quality;

/// <summary>
/// An ODCS operator with its operand, compared exactly at its boundaries: <c>mustBe</c> is =, <c>mustNotBe</c> ≠,
/// <c>mustBeGreaterThan</c> &gt;, <c>mustBeGreaterOrEqualTo</c> ≥, <c>mustBeLessThan</c> &lt;, <c>mustBeLessOrEqualTo</c> ≤,
/// <c>mustBeBetween [a, b]</c> a ≤ value ≤ b (inclusive) and <c>mustNotBeBetween [a, b]</c> value &lt; a or value &gt; b.
/// Operands are numbers; <c>true</c>/<c>false</c> are read as 1/0 (an sql rule may return a boolean).
/// </summary>
public sealed record Threshold(string Operator, double Low, double High)
{
    /// <summary>Reads the operator of a rule, or says what is wrong with it.</summary>
    public static Threshold? Parse(string? op, JsonNode? operand, out string? error)
    {
        error = null;
        if (op is null)
        {
            error = "the rule has no operator (mustBe, mustBeLessThan, mustBeBetween…)";
            return null;
        }
        if (op is "mustBeBetween" or "mustNotBeBetween")
        {
            if (operand is not JsonArray { Count: 2 } pair || Number(pair[0]) is not { } low || Number(pair[1]) is not { } high)
            {
                error = $"{op} needs two numbers, the smallest first: [a, b]";
                return null;
            }
            if (low > high)
            {
                error = $"{op} needs the smallest number first: [{Format(high)}, {Format(low)}]";
                return null;
            }
            return new Threshold(op, low, high);
        }
        if (!QualityOperators.Contains(op))
        {
            error = $"unknown operator '{op}'";
            return null;
        }
        if (Number(operand) is not { } value)
        {
            error = $"{op} needs a number, not {operand?.ToJsonString() ?? "null"}";
            return null;
        }
        return new Threshold(op, value, value);
    }

    /// <summary>Whether <paramref name="value"/> satisfies the operator.</summary>
    public bool IsMet(double value) => Operator switch
    {
        "mustBe" => value == Low,
        "mustNotBe" => value != Low,
        "mustBeGreaterThan" => value > Low,
        "mustBeGreaterOrEqualTo" => value >= Low,
        "mustBeLessThan" => value < Low,
        "mustBeLessOrEqualTo" => value <= Low,
        "mustBeBetween" => value >= Low && value <= High,
        "mustNotBeBetween" => value < Low || value > High,
        _ => false,
    };

    /// <summary>The operand as text: <c>5</c>, or <c>[100, 120]</c> for the between operators.</summary>
    public string OperandText => Operator.EndsWith("Between", StringComparison.Ordinal) ? $"[{Format(Low)}, {Format(High)}]" : Format(Low);

    /// <summary>The operand as a rule wrote it, for results of rules whose operator could not be read.</summary>
    public static string? RawText(JsonNode? operand) => operand switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => operand.ToJsonString(),
    };

    public static string Format(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private static readonly HashSet<string> QualityOperators = [.. Domain.Contracts.QualityRule.Operators];

    private static double? Number(JsonNode? node) => node is not JsonValue v ? null : v.GetValueKind() switch
    {
        JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

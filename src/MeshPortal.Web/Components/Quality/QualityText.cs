using System.Globalization;
using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Quality;
using MudBlazor;

namespace MeshPortal.Web.Components.Quality;

/// <summary>What a rule's outcome is, read from the result's text (passed | failed | error | not-executed).</summary>
public enum Outcome { Failed, Error, Passed, NotExecuted }

/// <summary>
/// How the quality views word and colour scores, outcomes, thresholds and freshness, the same on the quantum's Quality tab,
/// the dashboards and the badges.
/// </summary>
public static class QualityText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>At or above: the score reads as good.</summary>
    public const double Good = 90;
    /// <summary>At or above (and below <see cref="Good"/>): the score reads as a warning; below it, as bad.</summary>
    public const double Fair = 70;

    public static string Score(double? score) => score is { } s ? $"{Number(s, s >= 99.95 || s == Math.Floor(s) ? 0 : 1)} %" : "–";

    public static Color ColorOf(double? score) => score switch
    {
        null => Color.Default,
        >= Good => Color.Success,
        >= Fair => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>The theme colour as a CSS variable, for SVG strokes and bars that follow light and dark mode.</summary>
    public static string CssColorOf(double? score) => ColorOf(score) switch
    {
        Color.Success => "var(--mud-palette-success)",
        Color.Warning => "var(--mud-palette-warning)",
        Color.Error => "var(--mud-palette-error)",
        _ => "var(--mud-palette-text-secondary)",
    };

    public static string Verdict(double? score) => score switch
    {
        null => "no score",
        >= Good => "good",
        >= Fair => "needs attention",
        _ => "poor",
    };

    public static Outcome OutcomeOf(string? outcome) => Normalize(outcome) switch
    {
        "passed" or "pass" or "ok" => Outcome.Passed,
        "failed" or "fail" => Outcome.Failed,
        "error" => Outcome.Error,
        _ => Outcome.NotExecuted,
    };

    /// <summary>Anything unknown reads as not executed: a rule is never shown as passed unless it was measured and passed.</summary>
    public static Outcome OutcomeOf(RuleResultDto result) => OutcomeOf(result.Outcome);

    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "passed",
        Outcome.Failed => "failed",
        Outcome.Error => "error",
        _ => "not executed by MeshPortal",
    };

    /// <summary>The outcome as a data attribute value for tests and styles.</summary>
    public static string Key(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "passed",
        Outcome.Failed => "failed",
        Outcome.Error => "error",
        _ => "not-executed",
    };

    public static Color ColorOf(Outcome outcome) => outcome switch
    {
        Outcome.Passed => Color.Success,
        Outcome.Failed => Color.Error,
        Outcome.Error => Color.Warning,
        _ => Color.Default,
    };

    public static string IconOf(Outcome outcome) => outcome switch
    {
        Outcome.Passed => Icons.Material.Filled.CheckCircle,
        Outcome.Failed => Icons.Material.Filled.Cancel,
        Outcome.Error => Icons.Material.Filled.ReportProblem,
        _ => Icons.Material.Filled.RemoveCircleOutline,
    };

    /// <summary>ODCS: info and warning only warn; error (and a rule without a severity) binds the contract.</summary>
    public static bool IsErrorSeverity(string? severity) => Normalize(severity) is not ("info" or "warning" or "warn");

    public static string SeverityText(string? severity) => string.IsNullOrWhiteSpace(severity) ? "error" : severity.Trim().ToLowerInvariant();

    public static Color SeverityColor(string? severity) => Normalize(severity) switch
    {
        "info" => Color.Info,
        "warning" or "warn" => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>
    /// The results in the order a reader needs them, the API's order: failed rules (error severity first), rules in error,
    /// passed rules, then those MeshPortal does not run; the contract's order within each group.
    /// </summary>
    public static IReadOnlyList<RuleResultDto> FailingFirst(IEnumerable<RuleResultDto> results) =>
        results.Select((r, i) => (Result: r, Index: i))
            .OrderBy(x => OutcomeOf(x.Result))
            .ThenBy(x => OutcomeOf(x.Result) == Outcome.Failed && !IsErrorSeverity(x.Result.Severity) ? 1 : 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Result)
            .ToList();

    /// <summary>The failed rules of error severity: those that make the published version fail its contract.</summary>
    public static IReadOnlyList<RuleResultDto> BreakingRules(IEnumerable<RuleResultDto> results) =>
        results.Where(r => OutcomeOf(r) == Outcome.Failed && IsErrorSeverity(r.Severity)).ToList();

    /// <summary>What the rule checks, for people: its name, else its metric, else its type.</summary>
    public static string RuleTitle(RuleResultDto r) => r.Name is { Length: > 0 } name ? name : r.Metric is { Length: > 0 } metric ? metric : r.Rule;

    public static string Target(RuleResultDto r) => r.Property is { Length: > 0 } p ? $"{r.Object}.{p}" : r.Object;

    public static string Dimension(string? dimension) => QualityScore.Dimension(dimension);

    /// <summary>A measured value with its unit: "0.4 %", "3 rows", "1 row", "12".</summary>
    public static string Measured(double? value, string? unit) => value is not { } v ? "–" : WithUnit(Number(v), v, unit);

    /// <summary>The operator and threshold in words, with the unit: "must be ≤ 1 %", "must be between 100 and 120 rows".</summary>
    public static string Expected(string? op, string? threshold, string? unit)
    {
        if (string.IsNullOrWhiteSpace(op)) return threshold is { Length: > 0 } t ? t : "–";
        var operand = Operand(threshold);
        if (op is "mustBeBetween" or "mustNotBeBetween")
        {
            var parts = operand.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var range = parts.Length == 2 ? $"{Pretty(parts[0])} and {WithUnit(Pretty(parts[1]), Parse(parts[1]), unit)}" : operand;
            return (op == "mustBeBetween" ? "must be between " : "must not be between ") + range;
        }
        var symbol = op switch
        {
            "mustBe" => "",
            "mustNotBe" => "not ",
            "mustBeGreaterThan" => "> ",
            "mustBeGreaterOrEqualTo" => "≥ ",
            "mustBeLessThan" => "< ",
            "mustBeLessOrEqualTo" => "≤ ",
            _ => null,
        };
        return symbol is null ? $"{op} {operand}" : $"must be {symbol}{WithUnit(Pretty(operand), Parse(operand), unit)}";
    }

    public static string Count(long n) => n.ToString("N0", Culture);

    public static string Plural(long n, string one, string many) => $"{Count(n)} {(n == 1 ? one : many)}";

    public static bool IsActive(RunStatus status) => status is RunStatus.Queued or RunStatus.Running;

    /// <summary>The freshness entry's verdict in a word.</summary>
    public static string Of(FreshnessStatus status) => status switch
    {
        FreshnessStatus.Fresh => "fresh",
        FreshnessStatus.Stale => "stale",
        FreshnessStatus.NeverLoaded => "never loaded",
        FreshnessStatus.NotChecked => "not checked",
        _ => "unreadable",
    };

    public static Color ColorOf(FreshnessStatus status) => status switch
    {
        FreshnessStatus.Fresh => Color.Success,
        FreshnessStatus.Stale or FreshnessStatus.NeverLoaded => Color.Warning,
        FreshnessStatus.Invalid => Color.Error,
        _ => Color.Default,
    };

    public static string Describe(TimeSpan? span) => span is { } s ? FreshnessChecker.Describe(s) : "–";

    /// <summary>How much of the limit the data's age uses, 0–100 (over 100 is shown full).</summary>
    public static double AgeShare(FreshnessEntry entry) =>
        entry is { Age: { } age, Limit: { } limit } && limit > TimeSpan.Zero ? Math.Clamp(age / limit * 100, 0, 100) : 0;

    public static string Number(double value, int decimals = 2)
    {
        var format = decimals <= 0 ? "#,##0" : "#,##0." + new string('#', decimals);
        return value.ToString(format, Culture);
    }

    private static string WithUnit(string text, double? value, string? unit) => Normalize(unit) switch
    {
        "percent" or "%" => $"{text} %",
        "rows" or "row" => value == 1 ? $"{text} row" : $"{text} rows",
        null or "" => text,
        var u => $"{text} {u}",
    };

    private static string Operand(string? threshold) => (threshold ?? "").Trim().TrimStart('[').TrimEnd(']').Trim();

    private static string Pretty(string operand) => Parse(operand) is { } d ? Number(d, 4) : operand switch
    {
        "true" => "true",
        "false" => "false",
        _ => operand,
    };

    private static double? Parse(string operand) =>
        double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Normalize(string? text) => text?.Trim().ToLowerInvariant().Replace('_', '-') switch
    {
        "notexecuted" or "not executed" => "not-executed",
        var t => t,
    };
}

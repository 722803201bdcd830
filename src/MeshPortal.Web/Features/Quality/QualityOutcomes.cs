using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Data.Configurations;

namespace MeshPortal.Web.Features.Quality;

/// <summary>Rule results between the engine, the database and the wire: outcomes, the failing-first order, the run's verdict.</summary>
public static class QualityOutcomes
{
    public const string Passed = "passed", Failed = "failed", Error = "error", NotExecuted = "not-executed";

    public static string Of(RuleStatus status) => status switch
    {
        RuleStatus.Passed => Passed,
        RuleStatus.Failed => Failed,
        RuleStatus.Error => Error,
        _ => NotExecuted,
    };

    public static RuleStatus StatusOf(string outcome) => outcome switch
    {
        Passed => RuleStatus.Passed,
        Failed => RuleStatus.Failed,
        Error => RuleStatus.Error,
        _ => RuleStatus.NotExecuted,
    };

    /// <summary>ODCS rules fail the contract unless they say they only warn (as <c>QualityRule.OnlyWarns</c>).</summary>
    public static bool IsErrorSeverity(string? severity) => severity?.Trim().ToLowerInvariant() is not ("info" or "warning" or "warn");

    /// <summary>Failing first: failed error-severity rules, failed warnings, rules in error, passed, not executed.</summary>
    public static int Rank(string outcome, string? severity) => outcome switch
    {
        Failed when IsErrorSeverity(severity) => 0,
        Failed => 1,
        Error => 2,
        Passed => 3,
        _ => 4,
    };

    /// <summary>True when a rule of severity error failed: the data fails its contract.</summary>
    public static bool FailsContract(IEnumerable<RuleResult> results) =>
        results.Any(r => r.Status == RuleStatus.Failed && IsErrorSeverity(r.Severity));

    public static List<QualityResult> ToEntities(IEnumerable<RuleResult> results) =>
        results.Select((r, i) => new QualityResult
        {
            Rule = Clip(r.Rule, QualityResultConfiguration.RuleLength)!,
            Name = Clip(r.Name, QualityResultConfiguration.NameLength),
            Type = Clip(r.Type, 20)!,
            Metric = Clip(r.Metric, QualityResultConfiguration.NameLength),
            Object = Clip(r.Object, QualityResultConfiguration.NameLength)!,
            Property = Clip(r.Property, QualityResultConfiguration.NameLength),
            Dimension = Clip(r.Dimension, 100),
            Severity = Clip(r.Severity, 40),
            Value = r.Value is { } v && double.IsFinite(v) ? v : null,
            Unit = Clip(r.Unit, 40),
            Operator = Clip(r.Operator, 40),
            Threshold = Clip(r.Threshold, QualityResultConfiguration.NameLength),
            Outcome = Of(r.Status),
            Message = Clip(r.Message, QualityResultConfiguration.MessageLength),
            Position = i,
        }).ToList();

    public static RuleResult ToEngine(QualityResult r) =>
        new(r.Rule, r.Name, r.Type, r.Metric, r.Object, r.Property, r.Dimension, r.Severity, r.Value, r.Unit, r.Operator, r.Threshold, StatusOf(r.Outcome), r.Message);

    public static RuleResultDto ToDto(QualityResult r) =>
        new(r.Rule, r.Name, r.Type, r.Metric, r.Object, r.Property, r.Dimension, r.Severity, r.Value, r.Unit, r.Operator, r.Threshold, r.Outcome,
            r.Outcome switch { Passed => true, Failed => false, _ => null }, r.Message);

    /// <summary>The results of one run as the UI and the API show them: failing first, then in the contract's order.</summary>
    public static List<RuleResultDto> FailingFirst(IEnumerable<QualityResult> results) =>
        results.OrderBy(r => Rank(r.Outcome, r.Severity)).ThenBy(r => r.Position).Select(ToDto).ToList();

    /// <summary>Fills a run's score, counts and verdict from its results.</summary>
    public static void Score(QualityRun run, IReadOnlyCollection<RuleResult> results)
    {
        var score = QualityScore.Compute(results);
        run.Score = score.Percent;
        run.Passed = score.Passed;
        run.Failed = score.Failed;
        run.Errors = score.Errors;
        run.NotExecuted = score.NotExecuted;
        run.FailsContract = FailsContract(results);
    }

    public static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}

namespace MeshPortal.DataPlane.Quality;

/// <summary>The score of one dimension (accuracy, completeness…; "unspecified" for rules without one).</summary>
public sealed record DimensionScore(string Dimension, double? Percent, int Passed, int Failed);

/// <summary>
/// The quality score of a run: the percentage of executed rules that passed, <c>passed × 100 / (passed + failed)</c>,
/// overall and per dimension. Every executed rule weighs the same, whatever its severity. Rules in error and rules not
/// executed (custom, text, unpublished objects) are left out of the percentage and counted beside it, so that a
/// broken rule neither raises nor lowers the score but stays visible. Null when no rule was executed.
/// </summary>
public sealed record QualityScore(double? Percent, int Passed, int Failed, int Errors, int NotExecuted, IReadOnlyList<DimensionScore> Dimensions)
{
    public static QualityScore Compute(IReadOnlyCollection<RuleResult> results)
    {
        var dimensions = results.Where(r => r.Status is RuleStatus.Passed or RuleStatus.Failed)
            .GroupBy(r => Dimension(r.Dimension))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Score(g.Key, g.Count(r => r.Status == RuleStatus.Passed), g.Count(r => r.Status == RuleStatus.Failed)))
            .ToList();
        var passed = results.Count(r => r.Status == RuleStatus.Passed);
        var failed = results.Count(r => r.Status == RuleStatus.Failed);
        return new QualityScore(PercentOf(passed, failed), passed, failed,
            results.Count(r => r.Status == RuleStatus.Error), results.Count(r => r.Status == RuleStatus.NotExecuted), dimensions);
    }

    private static DimensionScore Score(string dimension, int passed, int failed) => new(dimension, PercentOf(passed, failed), passed, failed);

    private static double? PercentOf(int passed, int failed) => passed + failed == 0 ? null : passed * 100.0 / (passed + failed);

    /// <summary>The ODCS dimension, its two-letter synonyms (ac, cp…) read as the full name.</summary>
    public static string Dimension(string? dimension) => dimension?.Trim().ToLowerInvariant() switch
    {
        null or "" => "unspecified",
        "ac" => "accuracy",
        "cp" => "completeness",
        "cf" => "conformity",
        "cs" => "consistency",
        "cv" => "coverage",
        "tm" => "timeliness",
        "uq" => "uniqueness",
        var d => d,
    };
}

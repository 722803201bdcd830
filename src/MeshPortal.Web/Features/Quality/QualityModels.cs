using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Web.Features.Quality;

/// <summary>One rule's result as the API and the UI show it (the API's "results" items).</summary>
public sealed record RuleResultDto(
    string Rule, string? Name, string Type, string? Metric, string Object, string? Property, string? Dimension, string? Severity,
    double? Value, string? Unit, string? Operator, string? Threshold, string Outcome, bool? Passed, string? Message);

public sealed record QualityRunSummary(
    Guid Id, Guid QuantumId, string ContractId, string ContractVersion, RunStatus Status, string TriggeredBy,
    double? Score, int Passed, int Failed, int Errors, int NotExecuted, bool FailsContract, string? Error,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>The onboarding run whose data was checked (the load published when the run read it).</summary>
    public Guid? OnboardingRunId { get; init; }
    /// <summary>The run checked an onboarding's new data before publishing it (block-publish on failure), not the published data.</summary>
    public bool CheckedBeforePublish { get; init; }
    /// <summary>The check refused the onboarding's publish: an error-severity rule failed on the new data.</summary>
    public bool BlockedPublish { get; init; }
}

/// <summary>A run with its results, failing rules first.</summary>
public sealed record QualityRunDetail(QualityRunSummary Run, IReadOnlyList<RuleResultDto> Results, IReadOnlyList<DimensionScore> Dimensions);

/// <summary>One point of a quantum's score trend.</summary>
public sealed record QualityTrendPoint(Guid RunId, DateTimeOffset At, double? Score, int Failed, IReadOnlyDictionary<string, double?> ByDimension);

/// <summary>Freshness of a quantum's published data against its contract's SLA.</summary>
public sealed record FreshnessView(FreshnessResult Result, bool Stale);

/// <summary>Everything the quantum page's Quality tab shows.</summary>
public sealed record QuantumQuality(
    Guid QuantumId,
    QualityRunDetail? Latest,
    IReadOnlyList<QualityTrendPoint> Trend,
    FreshnessView? Freshness,
    bool BlockPublishOnFailure,
    bool CanRun,
    bool HasPublishedData)
{
    /// <summary>The quality schedule (five-field cron, UTC); null when checks run after each onboarding and on demand only.</summary>
    public string? QualityCron { get; init; }
}

/// <summary>A quantum's standing in the domain and mesh dashboards.</summary>
public sealed record QuantumQualityRow(
    Guid QuantumId, string Name, string DomainSlug, string QuantumSlug, string DomainName, string Tier,
    double? Score, bool FailsContract, bool Stale, int FailedRules, DateTimeOffset? LastRunAt, DateTimeOffset? LastLoadAt);

/// <summary>A group's average score (domain or tier) over its quanta that have a score.</summary>
public sealed record ScoreGroup(string Key, string Label, double? Score, int Quanta, int Failing, int Stale);

/// <summary>The domain view (Domain set) or the whole mesh — the chief data officer's view (Domain null).</summary>
public sealed record QualityDashboard(
    string? Domain,
    double? Score,
    IReadOnlyList<ScoreGroup> ByDomain,
    IReadOnlyList<ScoreGroup> ByTier,
    IReadOnlyList<QuantumQualityRow> Quanta,
    IReadOnlyList<QualityTrendPoint> Trend);

namespace MeshPortal.Domain.Quality;

/// <summary>
/// Where a quantum stands, kept up to date so lists and dashboards read one row per quantum: the verdict of the latest
/// quality run on its published data, and its freshness against the contract's SLA (computed after each quality run and
/// by the hourly freshness job).
/// </summary>
public sealed class QualityStanding
{
    public Guid QuantumId { get; set; }

    /// <summary>The latest succeeded quality run of published data, and the onboarding run whose data it checked.</summary>
    public Guid? RunId { get; set; }
    public Guid? RunOnboardingRunId { get; set; }
    public double? Score { get; set; }
    public bool FailsContract { get; set; }
    public int FailedRules { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>The latest successful onboarding run when the standing was last written (readers compare it with the live one).</summary>
    public Guid? LastLoadRunId { get; set; }
    public DateTimeOffset? LastLoadAt { get; set; }

    /// <summary>True when a latency or frequency limit of the SLA is exceeded by the age of the last load.</summary>
    public bool Stale { get; set; }
    /// <summary>When the quantum was first seen stale (null while fresh): "stale for 3 days".</summary>
    public DateTimeOffset? StaleSince { get; set; }
    /// <summary>The freshness entries in words ("frequency: last successful load 2 d 3 h ago; frequency limit 1 d").</summary>
    public string? Freshness { get; set; }
    public DateTimeOffset? FreshnessCheckedAt { get; set; }
}

using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Web.Features.Jobs;

public enum JobKind { Onboarding, Quality }

/// <summary>Which runs the list shows: every one, those queued or running, or those that failed.</summary>
public enum JobStatusFilter { All, Active, Failed }

/// <summary>
/// What the Jobs page asks for. <see cref="Kind"/>, <see cref="Domain"/> and <see cref="MyDomains"/> narrow the whole
/// page (its figures and chart too); <see cref="Status"/> only the list.
/// </summary>
public sealed record JobRunFilter(JobKind? Kind = null, JobStatusFilter Status = JobStatusFilter.All, string? Domain = null, bool MyDomains = false)
{
    public bool IsEmpty => Kind is null && Status == JobStatusFilter.All && Domain is null && !MyDomains;
}

/// <summary>
/// One onboarding or quality run of any quantum. Onboarding runs carry their row counts, quality runs their score and
/// rule counts; <see cref="Subject"/> says what ran ("orders.csv → orders", "sales-orders 1.1.0").
/// </summary>
public sealed record JobRun(
    Guid Id, JobKind Kind, Guid QuantumId, string QuantumName, Guid DomainId, string DomainSlug, string DomainName,
    RunStatus Status, string Phase, double? Progress, string Subject, string? Error, string TriggeredBy,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public long RowsRead { get; init; }
    public bool RowsReadEstimated { get; init; }
    public long RowsValid { get; init; }
    public long RowsQuarantined { get; init; }
    public double? Score { get; init; }
    public int RulesPassed { get; init; }
    public int RulesFailed { get; init; }
    public int RuleErrors { get; init; }
    public bool FailsContract { get; init; }
    /// <summary>A quality check of an onboarding's new data that refused to publish it.</summary>
    public bool BlockedPublish { get; init; }

    public bool IsActive => Status is RunStatus.Queued or RunStatus.Running;
}

/// <summary>How many runs of one day (UTC, by the time they were queued) ended which way.</summary>
public sealed record JobDay(DateOnly Day, int Succeeded, int Failed, int Cancelled);

/// <summary>The runs under way, and those that succeeded or failed in the last 24 hours.</summary>
public sealed record JobFigures(int Running, int Queued, int SucceededLastDay, int FailedLastDay);

/// <summary>The Jobs page: the newest runs (<see cref="More"/>: older ones exist), the runs under way, the last day's outcomes, and two weeks by day.</summary>
public sealed record JobRunsOverview(
    IReadOnlyList<JobRun> Runs, bool More, int Running, int Queued, int SucceededLastDay, int FailedLastDay, IReadOnlyList<JobDay> Days)
{
    public bool AnyActive => Running + Queued > 0;
}

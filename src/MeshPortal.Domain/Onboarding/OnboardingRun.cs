namespace MeshPortal.Domain.Onboarding;

public enum RunStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>One onboarding of a source into a quantum, with its live progress and its outcome.</summary>
public sealed class OnboardingRun
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuantumId { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>The contract version the rows were validated against (the output port's binding when the run was queued).</summary>
    public required string ContractId { get; set; }
    public required string ContractVersion { get; set; }
    public required string ObjectName { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Queued;
    /// <summary>queued | bronze | silver | gold | publishing | done.</summary>
    public string Phase { get; set; } = "queued";
    public long RowsRead { get; set; }
    /// <summary>
    /// True while <see cref="RowsRead"/> is an estimate: as DuckDB reads a file, the rows expected × the share read so far.
    /// The count replaces it when the read is over; a run that fails during the read keeps the estimate, marked so.
    /// </summary>
    public bool RowsReadEstimated { get; set; }
    public long RowsValid { get; set; }
    public long RowsQuarantined { get; set; }
    public long? GoldRows { get; set; }
    /// <summary>0..1 when the engine knows how far it is (bytes of a file), else null.</summary>
    public double? Progress { get; set; }
    /// <summary>Why it failed, in words a user understands; never a secret.</summary>
    public string? Error { get; set; }
    /// <summary>"schedule", "seed", or the user who asked.</summary>
    public string TriggeredBy { get; set; } = "";
    public bool CancelRequested { get; set; }
    public string? JobId { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Updated while running; a running run whose heartbeat stopped belongs to a process that died.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

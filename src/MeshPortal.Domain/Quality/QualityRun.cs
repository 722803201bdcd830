using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Domain.Quality;

/// <summary>
/// One execution of a quantum's contract quality rules against its published data (after an onboarding, on a schedule,
/// or on demand), with its score and every rule's result.
/// </summary>
public sealed class QualityRun
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuantumId { get; set; }
    /// <summary>The contract version whose rules ran (the output port's binding).</summary>
    public required string ContractId { get; set; }
    public required string ContractVersion { get; set; }
    /// <summary>The onboarding run whose published data was checked, when known.</summary>
    public Guid? OnboardingRunId { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Queued;
    /// <summary>"onboarding", "schedule", "seed", or the user who asked.</summary>
    public string TriggeredBy { get; set; } = "";
    /// <summary>passed × 100 / (passed + failed); null when no rule could be executed.</summary>
    public double? Score { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Errors { get; set; }
    public int NotExecuted { get; set; }
    /// <summary>True when a rule of severity error failed: the published version fails its contract.</summary>
    public bool FailsContract { get; set; }
    /// <summary>Why the run itself failed (not a rule): the data could not be read, the contract is missing.</summary>
    public string? Error { get; set; }
    public string? JobId { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Updated while running; a running run whose heartbeat stopped belongs to a process that died.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    /// <summary>
    /// True when the run checked an onboarding's new data before it was published (the quantum blocks publishing on
    /// failure), not the published data: it never decides the quantum's standing.
    /// </summary>
    public bool CheckedBeforePublish { get; set; }
    /// <summary>True when this check refused the onboarding's publish: an error-severity rule failed on the new data.</summary>
    public bool BlockedPublish { get; set; }
    public List<QualityResult> Results { get; set; } = [];

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

/// <summary>One rule's outcome in a quality run.</summary>
public sealed class QualityResult
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QualityRunId { get; set; }
    /// <summary>The rule's key in the contract: its name, else its metric (numbered when repeated).</summary>
    public required string Rule { get; set; }
    public string? Name { get; set; }
    /// <summary>library | sql | custom | text.</summary>
    public required string Type { get; set; }
    public string? Metric { get; set; }
    public required string Object { get; set; }
    public string? Property { get; set; }
    public string? Dimension { get; set; }
    public string? Severity { get; set; }
    /// <summary>The measured figure in <see cref="Unit"/> (for rows a count); null when not measured.</summary>
    public double? Value { get; set; }
    public string? Unit { get; set; }
    public string? Operator { get; set; }
    /// <summary>The operand as the contract wrote it: "0", "[100, 120]".</summary>
    public string? Threshold { get; set; }
    /// <summary>passed | failed | error | not-executed.</summary>
    public required string Outcome { get; set; }
    public string? Message { get; set; }
    public int Position { get; set; }
}

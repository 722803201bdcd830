namespace MeshPortal.Domain.Onboarding;

/// <summary>A quantum's onboarding settings: its gold transformation and its schedule.</summary>
public sealed class OnboardingSettings : IAuditable
{
    public Guid QuantumId { get; set; }
    /// <summary>The owner's SELECT over silver (refer to the table as <c>silver</c>); null means no gold layer.</summary>
    public string? GoldSql { get; set; }
    /// <summary>A five-field cron expression (UTC); null means runs are started by hand or by the API only.</summary>
    public string? Cron { get; set; }
    /// <summary>The source the schedule onboards.</summary>
    public Guid? ScheduledSourceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

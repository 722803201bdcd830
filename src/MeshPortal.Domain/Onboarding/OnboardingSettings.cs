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
    /// <summary>
    /// When true, an onboarding run whose new data fails an error-severity quality rule is not published (the previous data
    /// stays served); when false (the default) the data is published and marked as failing its contract.
    /// </summary>
    public bool BlockPublishOnQualityFailure { get; set; }
    /// <summary>A five-field cron expression (UTC) for quality runs on the published data; null means after each onboarding and on demand only.</summary>
    public string? QualityCron { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

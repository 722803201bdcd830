using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// A quality run on the wire: <c>status</c> (queued, running, succeeded, failed, cancelled), <c>score</c>, and the
/// <c>results</c>, failing first; each result's <c>value</c> is the measured figure in its <c>unit</c> (for rows a count)
/// and <c>passed</c> is true or false, or null when the rule is in error or not executed (<c>outcome</c> says which).
/// </summary>
public sealed record QualityRunResponse(
    Guid Id, Guid QuantumId, RunStatus Status, double? Score, string ContractId, string ContractVersion, string TriggeredBy,
    int Passed, int Failed, int Errors, int NotExecuted, bool FailsContract, bool CheckedBeforePublish, bool BlockedPublish,
    Guid? OnboardingRunId, string? Error, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<DimensionScore> Dimensions, IReadOnlyList<RuleResultDto> Results)
{
    public static QualityRunResponse From(QualityRunDetail detail)
    {
        var r = detail.Run;
        return new(r.Id, r.QuantumId, r.Status, r.Score, r.ContractId, r.ContractVersion, r.TriggeredBy, r.Passed, r.Failed, r.Errors, r.NotExecuted,
            r.FailsContract, r.CheckedBeforePublish, r.BlockedPublish, r.OnboardingRunId, r.Error, r.QueuedAt, r.StartedAt, r.FinishedAt,
            detail.Dimensions, detail.Results);
    }
}

/// <summary><c>PUT …/quality-settings</c>: both settings replaced; an omitted field is false or no schedule.</summary>
public sealed record QualitySettingsInput
{
    /// <summary>True: an onboarding whose new data fails an error-severity rule is not published.</summary>
    public bool? BlockPublishOnFailure { get; init; }
    /// <summary>Five-field cron (UTC) for scheduled quality runs; null or empty for none.</summary>
    public string? Cron { get; init; }
}

public sealed record QualitySettingsDto(bool BlockPublishOnFailure, string? Cron);

using MeshPortal.DataPlane.Serving;
using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>A source as the UI and the API show it: never the connection string, only where it points (host, database).</summary>
public sealed record SourceSummary(
    Guid Id, string Name, SourceKind Kind, string? Format, string? OriginalFileName, long? SizeBytes,
    string? Location, string? Query, string OutputPort, string ObjectName, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A relational or composition source to add. <paramref name="Connection"/> is empty for composition.</summary>
public sealed record NewConnectionSource(string Name, SourceKind Kind, string Connection, string Query, string OutputPort, string ObjectName);

/// <summary>A file source to add: an upload (the stream is passed beside it) or a path under the allowed root.</summary>
public sealed record NewFileSource(string Name, string OutputPort, string ObjectName, string? ServerPath = null);

public sealed record ConnectionTestResult(bool Ok, string Message);

public sealed record RunSummary(
    Guid Id, Guid QuantumId, Guid SourceId, string SourceName, RunStatus Status, string Phase,
    long RowsRead, long RowsValid, long RowsQuarantined, long? GoldRows, double? Progress, string? Error,
    string ContractId, string ContractVersion, string ObjectName, string TriggeredBy,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool RowsReadEstimated = false)
{
    public TimeSpan? Duration => StartedAt is { } s ? (FinishedAt ?? DateTimeOffset.UtcNow) - s : null;
}

public sealed record OnboardingSettingsModel(string? GoldSql, string? Cron, Guid? ScheduledSourceId);

/// <summary>A column of the contract beside the column found in a layer (null when missing on either side).</summary>
public sealed record SchemaComparisonRow(string Name, string? ContractType, bool Required, string? FoundType, string? Classification, bool Masked);

/// <summary>Everything the quantum page's Data tab shows, for one caller.</summary>
public sealed record DataOverview(
    IReadOnlyList<LayerTable> Layers,
    IReadOnlyDictionary<string, IReadOnlyList<SchemaComparisonRow>> SchemaByObject,
    bool CanEdit,
    bool CanSeeQuarantine,
    bool CanReadData,
    string? ReadRefusal);

using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>
/// One onboarding run: read <see cref="Source"/> into bronze, validate it against <see cref="ObjectName"/> of
/// <see cref="Contract"/> into silver and quarantine, optionally run <see cref="GoldSql"/>, publish atomically.
/// </summary>
/// <param name="GoldSql">The owner's SELECT over silver; the table is referred to as <c>silver</c> (or <c>silver.&lt;object&gt;</c>).</param>
public sealed record OnboardingRequest(
    Guid QuantumId,
    Guid RunId,
    SourceSpec Source,
    NormalizedContract Contract,
    string ObjectName,
    string? GoldSql = null)
{
    /// <summary>
    /// Called once the new data is ready and before anything is published, with the run's connection and the table that
    /// holds each object's new data under its staging name (the object's gold when there is a gold query, else its silver;
    /// null for the contract's other objects). A non-null answer refuses the publish: the run fails with that reason and
    /// the published data stays as it was. Used to block publishing when the new data fails its quality rules.
    /// </summary>
    public Func<DuckDBConnection, Func<string, string?>, CancellationToken, Task<string?>>? BeforePublish { get; init; }
}

public enum OnboardingPhase { Queued, Bronze, Silver, Gold, Publishing, Done }

/// <param name="Fraction">0..1 when known (bytes read of a file), else null.</param>
/// <param name="RowsReadEstimated">Whether <paramref name="RowsRead"/> is an estimate (while DuckDB reads a file: its
/// expected rows × the share read so far) rather than a count.</param>
public sealed record OnboardingProgress(OnboardingPhase Phase, long RowsRead, long RowsValid, long RowsQuarantined, double? Fraction, bool RowsReadEstimated = false);

/// <summary>What a successful run published.</summary>
public sealed record OnboardingResult(long RowsRead, long RowsValid, long RowsQuarantined, long? GoldRows, TimeSpan Duration);

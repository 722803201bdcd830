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
    string? GoldSql = null);

public enum OnboardingPhase { Queued, Bronze, Silver, Gold, Publishing, Done }

/// <param name="Fraction">0..1 when known (bytes read of a file), else null.</param>
public sealed record OnboardingProgress(OnboardingPhase Phase, long RowsRead, long RowsValid, long RowsQuarantined, double? Fraction);

/// <summary>What a successful run published.</summary>
public sealed record OnboardingResult(long RowsRead, long RowsValid, long RowsQuarantined, long? GoldRows, TimeSpan Duration);

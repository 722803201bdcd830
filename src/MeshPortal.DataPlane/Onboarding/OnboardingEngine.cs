using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>
/// Runs onboarding bronze → silver (+ quarantine) → gold for one quantum and publishes the result in one DuckDB
/// transaction: readers see the previous published tables until the commit; a failed, cancelled or killed run
/// leaves them as they were, and a rerun replaces (never appends to) the published data.
/// </summary>
#pragma warning disable CS9113 // skeleton: the engine helper implements it
public sealed class OnboardingEngine(QuantumStorage storage, IEnumerable<ISourceReader> readers, DataPlaneOptions options)
{
    public Task<OnboardingResult> RunAsync(OnboardingRequest request, IProgress<OnboardingProgress> progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>
/// Runs onboarding bronze → silver (+ quarantine) → gold for one quantum and publishes the result in one DuckDB
/// transaction: readers see the previous published tables until the commit; a failed, cancelled or killed run
/// leaves them as they were, and a rerun replaces (never appends to) the published data.
/// </summary>
/// <remarks>
/// Runs of one quantum take turns (in this process; another process cannot open the database while one has it open).
/// Each run builds its tables under staging names (<c>bronze._stage_&lt;run&gt;</c>, …), removes those a dead run left,
/// and publishes by dropping and renaming inside one transaction that also writes <c>meta.loads</c>. A file source is
/// kept in the quantum's folder and its bronze is a view over that file (see docs/decisions/0008-bronze-kept-as-the-source-file.md).
/// </remarks>
public sealed class OnboardingEngine(QuantumStorage storage, IEnumerable<ISourceReader> readers, DataPlaneOptions options)
{
    static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Turns = new();

    public async Task<OnboardingResult> RunAsync(OnboardingRequest request, IProgress<OnboardingProgress> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var contractObject = request.Contract.Objects.FirstOrDefault(o => o.Name == request.ObjectName)
            ?? request.Contract.Objects.FirstOrDefault(o => string.Equals(o.Name, request.ObjectName, StringComparison.OrdinalIgnoreCase))
            ?? throw new DataPlaneException($"Contract {request.Contract.Id} {request.Contract.Version} has no object '{request.ObjectName}'"
                + $" (it has {string.Join(", ", request.Contract.Objects.Select(o => $"'{o.Name}'"))}).");
        var reader = readers.FirstOrDefault(r => r.CanRead(request.Source))
            ?? throw new DataPlaneException($"The data engine has no reader for this kind of source ({SourceText.Describe(request.Source)}).");

        progress.Report(new OnboardingProgress(OnboardingPhase.Queued, 0, 0, 0, null));
        var turn = Turns.GetOrAdd(request.QuantumId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await storage.OpenForOnboardingAsync(request.QuantumId, cancellationToken);
            await using var tracker = new RunProgress(progress, connection, bronzeIsCopy: reader is not FileReader);
            return await new OnboardingRunner(request, contractObject, reader, connection, tracker, storage, options, clock).RunAsync(cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }
}

using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Quality;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Quality;

/// <summary>What a check of the published data found, and which onboarding run had published it.</summary>
public sealed record PublishedCheck(IReadOnlyList<RuleResult> Results, Guid LoadRunId);

/// <summary>
/// Runs the quality engine on a quantum's published data (gold, else silver, per object) and says which load it checked.
/// </summary>
/// <remarks>
/// Not inside one DuckDB transaction: an error in a transaction aborts it, and a rule whose SQL fails must not stop the
/// others. Instead the published loads are read before and after the rules; when an onboarding published in between, the
/// rules run again on the new data (a few times at most), so the results always describe one load.
/// </remarks>
public sealed class PublishedData(QuantumStorage storage, QuantumDataReader reader, QualityEngine engine)
{
    private const int Attempts = 3;

    /// <exception cref="DataPlaneException">Nothing is published.</exception>
    public async Task<PublishedCheck> CheckAsync(Guid quantumId, NormalizedContract contract, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = Served(await reader.LayersAsync(quantumId, ct));
            if (before.Count == 0) throw new DataPlaneException("Nothing is published yet: onboard a source first.");
            IReadOnlyList<RuleResult> results;
            await using (var connection = await storage.OpenAsync(quantumId, ct))
                results = await engine.RunAsync(connection, contract, QualityTargets.TableOf(before), ct);
            var after = Served(await reader.LayersAsync(quantumId, ct));
            var unchanged = before.Select(Key).SequenceEqual(after.Select(Key));
            if (unchanged || attempt == Attempts) return new PublishedCheck(results, before.MaxBy(l => l.LoadedAt)!.RunId);
        }
    }

    private static List<LayerTable> Served(IReadOnlyList<LayerTable> layers) => layers.Where(l => l.Layer is Layer.Silver or Layer.Gold).ToList();

    private static (Layer, string, Guid) Key(LayerTable table) => (table.Layer, table.ObjectName, table.RunId);
}

using MeshPortal.Web.Features.Quality;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshPortal.Web.Components.Quality;

/// <summary>
/// The quality standings of the quanta a list shows, read once per list. Quality is a badge beside the list, not the list:
/// when it cannot be read (no quality service in this host, the store briefly unavailable) the list shows without badges
/// instead of failing.
/// </summary>
public static class QualityStandings
{
    public static readonly IReadOnlyDictionary<Guid, QuantumQualityRow> None = new Dictionary<Guid, QuantumQualityRow>();

    public static async Task<IReadOnlyDictionary<Guid, QuantumQualityRow>> LoadAsync(IServiceProvider services, IEnumerable<Guid> quantumIds, CancellationToken ct = default)
    {
        var ids = quantumIds.Distinct().ToList();
        if (ids.Count == 0 || services.GetService<QualityService>() is not { } quality) return None;
        try
        {
            return await quality.StandingsAsync(ids, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(QualityStandings)).LogWarning(e, "Quality standings of {Count} quanta could not be read", ids.Count);
            return None;
        }
    }

    public static QuantumQualityRow? Of(this IReadOnlyDictionary<Guid, QuantumQualityRow> standings, Guid quantumId) =>
        standings.TryGetValue(quantumId, out var row) ? row : null;
}

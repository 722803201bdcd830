using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quanta;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>The quality standing every quantum carries wherever it appears (the quanta API, cards, search hits).</summary>
public static class QualityBadges
{
    public static readonly QuantumQualityDto NotChecked = new(null, false, false, null);

    /// <summary>
    /// The standing of each quantum in <paramref name="quantumIds"/>, as <see cref="QualityService.StandingsAsync"/> reads
    /// it: the verdict of the latest quality run of what is published now, freshness as last checked.
    /// </summary>
    public static async Task<Dictionary<Guid, QuantumQualityDto>> LoadAsync(MeshDbContext db, IReadOnlyCollection<Guid> quantumIds, CancellationToken ct)
    {
        var badges = new Dictionary<Guid, QuantumQualityDto>();
        foreach (var chunk in quantumIds.Distinct().Chunk(500))
            foreach (var row in await QualityService.RowsAsync(db, db.Quanta.AsNoTracking().Where(q => chunk.Contains(q.Id)), ct))
                badges[row.QuantumId] = new QuantumQualityDto(row.Score, row.FailsContract, row.Stale, row.LastRunAt);
        return badges;
    }
}

using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quanta;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>The quality standing every quantum carries wherever it appears (the quanta API, cards, search hits).</summary>
public static class QualityBadges
{
    public static readonly QuantumQualityDto NotChecked = new(null, false, false, null);

    /// <summary>
    /// The standing of each quantum in <paramref name="quantumIds"/>: the verdict of the latest quality run of what is
    /// published now (a verdict about data an onboarding has since replaced does not count), freshness as last checked.
    /// </summary>
    public static async Task<Dictionary<Guid, QuantumQualityDto>> LoadAsync(MeshDbContext db, IReadOnlyCollection<Guid> quantumIds, CancellationToken ct)
    {
        var badges = new Dictionary<Guid, QuantumQualityDto>();
        foreach (var chunk in quantumIds.Distinct().Chunk(500))
            foreach (var s in await db.QualityStandings.AsNoTracking().Where(s => chunk.Contains(s.QuantumId)).ToListAsync(ct))
                badges[s.QuantumId] = s.VerdictIsCurrent
                    ? new QuantumQualityDto(s.Score, s.FailsContract, s.Stale, s.LastRunAt)
                    : new QuantumQualityDto(null, false, s.Stale, s.LastRunAt);
        return badges;
    }
}

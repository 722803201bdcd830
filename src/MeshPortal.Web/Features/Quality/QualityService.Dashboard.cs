using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

public sealed partial class QualityService
{
    /// <summary>Days the mesh and domain trends cover.</summary>
    public const int TrendDays = 30;

    /// <summary>
    /// The quality dashboard of one domain (<paramref name="domainSlug"/>) or of the whole mesh (null): the average score
    /// by domain and by tier over the quanta that have one, every quantum's standing (failing and stale first), and the
    /// average score per day over the last <see cref="TrendDays"/> days. Retired quanta are left out.
    /// </summary>
    public async Task<QualityDashboard> DashboardAsync(string? domainSlug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var domain = string.IsNullOrWhiteSpace(domainSlug) ? null : domainSlug.Trim();
        var quanta = db.Quanta.AsNoTracking().Where(q => q.Status != QuantumStatus.Retired);
        if (domain is not null) quanta = quanta.Where(q => q.Domain!.Slug == domain);
        var rows = (await RowsAsync(db, quanta, ct))
            .OrderByDescending(r => r.FailsContract).ThenByDescending(r => r.Stale).ThenBy(r => r.Score ?? double.MaxValue)
            .ThenBy(r => r.DomainName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var byDomain = rows.GroupBy(r => (r.DomainSlug, r.DomainName)).OrderBy(g => g.Key.DomainName, StringComparer.OrdinalIgnoreCase)
            .Select(g => Group(g.Key.DomainSlug, g.Key.DomainName, g.ToList())).ToList();
        var byTier = rows.GroupBy(r => r.Tier).OrderByDescending(g => EnumText.TryParse<Tier>(g.Key, out var t) ? (int)t : -1)
            .Select(g => Group(g.Key, EnumText.TryParse<Tier>(g.Key, out var t) ? t.ToString() : g.Key, g.ToList())).ToList();
        var trend = await MeshTrendAsync(db, rows.Select(r => r.QuantumId).ToList(), ct);
        return new QualityDashboard(domain, Average(rows), byDomain, byTier, rows, trend);
    }

    /// <summary>Each quantum's standing, for the badges of lists and cards; quanta never checked have a row without a score.</summary>
    public async Task<IReadOnlyDictionary<Guid, QuantumQualityRow>> StandingsAsync(IReadOnlyCollection<Guid> quantumIds, CancellationToken ct = default)
    {
        if (quantumIds.Count == 0) return new Dictionary<Guid, QuantumQualityRow>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = new List<QuantumQualityRow>();
        foreach (var chunk in quantumIds.Distinct().Chunk(500))
            rows.AddRange(await RowsAsync(db, db.Quanta.AsNoTracking().Where(q => chunk.Contains(q.Id)), ct));
        return rows.ToDictionary(r => r.QuantumId);
    }

    /// <summary>
    /// Each quantum's standing. The verdict counts only when it is about what is published now (the latest successful
    /// onboarding run, read live): between a new load and the quality run that follows it the quantum is "not checked",
    /// and a stale flag set before the new load no longer holds.
    /// </summary>
    internal static async Task<List<QuantumQualityRow>> RowsAsync(MeshDbContext db, IQueryable<Quantum> quanta, CancellationToken ct)
    {
        var found = await (from q in quanta
                           join s in db.QualityStandings on q.Id equals s.QuantumId into standings
                           from s in standings.DefaultIfEmpty()
                           select new
                           {
                               q.Id, q.Name, q.Slug, DomainSlug = q.Domain!.Slug, DomainName = q.Domain.Name, q.Tier, Standing = s,
                               LastLoadId = db.OnboardingRuns.Where(r => r.QuantumId == q.Id && r.Status == RunStatus.Succeeded)
                                   .OrderByDescending(r => r.FinishedAt).Select(r => (Guid?)r.Id).FirstOrDefault(),
                               LastLoadAt = db.OnboardingRuns.Where(r => r.QuantumId == q.Id && r.Status == RunStatus.Succeeded)
                                   .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefault(),
                           })
            .ToListAsync(ct);
        return found.Select(x =>
        {
            var s = x.Standing;
            var current = s?.RunId is not null && x.LastLoadId is not null && s.RunOnboardingRunId == x.LastLoadId;
            var stale = s is { Stale: true } && s.LastLoadRunId == x.LastLoadId;
            return new QuantumQualityRow(x.Id, x.Name, x.DomainSlug, x.Slug, x.DomainName, EnumText.Of(x.Tier),
                current ? s!.Score : null, current && s!.FailsContract, stale, current ? s!.FailedRules : 0, s?.LastRunAt, x.LastLoadAt);
        }).ToList();
    }

    private static ScoreGroup Group(string key, string label, List<QuantumQualityRow> rows) =>
        new(key, label, Average(rows), rows.Count, rows.Count(r => r.FailsContract), rows.Count(r => r.Stale));

    private static double? Average(IEnumerable<QuantumQualityRow> rows)
    {
        var scores = rows.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
        return scores.Count == 0 ? null : scores.Average();
    }

    /// <summary>
    /// One point per day: for each quantum, its last succeeded run of published data that day; the point is the average of
    /// their scores, the failed rules they count, and each dimension's share of passed rules over them.
    /// </summary>
    private async Task<List<QualityTrendPoint>> MeshTrendAsync(MeshDbContext db, List<Guid> quantumIds, CancellationToken ct)
    {
        if (quantumIds.Count == 0) return [];
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-(TrendDays - 1));
        var from = new DateTimeOffset(since, TimeSpan.Zero);
        var runs = new List<(Guid Id, Guid QuantumId, DateTimeOffset FinishedAt, double? Score, int Failed)>();
        foreach (var chunk in quantumIds.Chunk(500))
        {
            var part = await db.QualityRuns.AsNoTracking()
                .Where(r => chunk.Contains(r.QuantumId) && r.Status == RunStatus.Succeeded && !r.CheckedBeforePublish && r.FinishedAt >= from)
                .Select(r => new { r.Id, r.QuantumId, r.FinishedAt, r.Score, r.Failed }).ToListAsync(ct);
            runs.AddRange(part.Select(r => (r.Id, r.QuantumId, r.FinishedAt!.Value, r.Score, r.Failed)));
        }
        var lastOfDay = runs.GroupBy(r => (Day: r.FinishedAt.UtcDateTime.Date, r.QuantumId))
            .Select(g => g.MaxBy(r => r.FinishedAt)).ToList();
        var counts = (await DimensionCountsAsync(db, lastOfDay.Select(r => r.Id).ToList(), ct)).ToLookup(c => c.RunId);
        return lastOfDay.GroupBy(r => r.FinishedAt.UtcDateTime.Date).OrderBy(g => g.Key).Select(day =>
        {
            var scores = day.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
            var dimensions = day.SelectMany(r => counts[r.Id]).GroupBy(c => QualityScore.Dimension(c.Dimension))
                .ToDictionary(d => d.Key, d => Percent(d.Sum(c => c.Passed), d.Sum(c => c.Failed)));
            return new QualityTrendPoint(Guid.Empty, new DateTimeOffset(day.Key, TimeSpan.Zero), scores.Count == 0 ? null : scores.Average(),
                day.Sum(r => r.Failed), dimensions);
        }).ToList();
    }
}

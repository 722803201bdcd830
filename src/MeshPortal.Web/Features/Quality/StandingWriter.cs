using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>What a freshness check found: the standing after it, and whether the quantum has just become stale.</summary>
public sealed record FreshnessUpdate(QualityStanding Standing, FreshnessResult Result, bool BecameStale);

/// <summary>
/// Keeps <see cref="QualityStanding"/> rows up to date: the verdict of the latest quality run of published data, the
/// last successful load, and freshness against the SLA of the contract the output port serves.
/// </summary>
public sealed class StandingWriter(IDbContextFactory<MeshDbContext> factory, TimeProvider clock)
{
    /// <summary>Stale: a latency or frequency limit is exceeded by the age of the last successful load.</summary>
    public static bool IsStale(FreshnessResult result) => result.Entries.Any(e => e.Status == FreshnessStatus.Stale);

    /// <summary>Records a finished run's verdict (unless a later run's is already there) and checks freshness.</summary>
    public async Task<FreshnessUpdate?> RecordRunAsync(QualityRun run, CancellationToken ct = default)
    {
        if (run.Status != RunStatus.Succeeded || run.CheckedBeforePublish) return await RefreshAsync(run.QuantumId, ct);
        return await UpdateAsync(run.QuantumId, standing =>
        {
            if (standing.LastRunAt is { } last && run.FinishedAt < last) return;
            standing.RunId = run.Id;
            standing.RunOnboardingRunId = run.OnboardingRunId;
            standing.Score = run.Score;
            standing.FailsContract = run.FailsContract;
            standing.FailedRules = run.Failed;
            standing.LastRunAt = run.FinishedAt;
        }, ct);
    }

    /// <summary>The last load and freshness of one quantum, now (the hourly job, and after each run).</summary>
    public Task<FreshnessUpdate?> RefreshAsync(Guid quantumId, CancellationToken ct = default) => UpdateAsync(quantumId, null, ct);

    private async Task<FreshnessUpdate?> UpdateAsync(Guid quantumId, Action<QualityStanding>? verdict, CancellationToken ct)
    {
        // Two writers may create the row at once (a run ending while the hourly job passes): the loser reads it and tries again.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
            if (quantum is null) return null;
            var standing = await db.QualityStandings.FirstOrDefaultAsync(s => s.QuantumId == quantumId, ct);
            if (standing is null) db.QualityStandings.Add(standing = new QualityStanding { QuantumId = quantumId });
            verdict?.Invoke(standing);

            var load = await QualityTargets.LastLoadAsync(db, quantumId, ct);
            standing.LastLoadRunId = load?.Id;
            standing.LastLoadAt = load?.FinishedAt;
            var now = clock.GetUtcNow();
            var target = await QualityTargets.ResolveAsync(db, quantum, ct);
            var result = FreshnessChecker.Check(target?.Contract.Sla ?? [], load?.FinishedAt, now);
            var stale = load is not null && IsStale(result);
            var became = stale && !standing.Stale;
            standing.Stale = stale;
            standing.StaleSince = stale ? standing.StaleSince ?? now : null;
            standing.Freshness = QualityOutcomes.Clip(string.Join("; ", result.Entries.Select(e => $"{e.Key}: {e.Message}")), 2000) is { Length: > 0 } text ? text : null;
            standing.FreshnessCheckedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return new FreshnessUpdate(standing, result, became);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
            }
        }
    }
}

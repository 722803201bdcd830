using Hangfire;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// Hourly (recurring job <see cref="RecurringId"/>): checks every quantum that has published data against the latency and
/// frequency of its contract's SLA, stores the result in its <see cref="Domain.Quality.QualityStanding"/> so the
/// dashboards can list stale quanta, and logs each quantum that has just become stale. Idempotent; any instance may run it.
/// </summary>
public sealed class FreshnessJob(IDbContextFactory<MeshDbContext> factory, StandingWriter standings, ILogger<FreshnessJob> logger)
{
    public const string RecurringId = "quality-freshness";

    /// <summary>Checks every quantum with published data; returns how many are stale now.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> quanta;
        await using (var db = await factory.CreateDbContextAsync(ct))
            quanta = await db.OnboardingRuns.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded).Select(r => r.QuantumId).Distinct().ToListAsync(ct);
        var stale = 0;
        foreach (var quantumId in quanta)
        {
            try
            {
                if (await standings.RefreshAsync(quantumId, ct) is not { } update) continue;
                if (update.Standing.Stale) stale++;
                if (update.BecameStale)
                    logger.LogWarning("Quantum {QuantumId} is stale: {Freshness} (last successful load {LastLoad:u})",
                        quantumId, update.Standing.Freshness, update.Standing.LastLoadAt);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One quantum's broken contract must not stop the others' check.
                logger.LogError(e, "Could not check the freshness of quantum {QuantumId}", quantumId);
            }
        }
        return stale;
    }
}

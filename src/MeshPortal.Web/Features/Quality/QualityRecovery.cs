using Hangfire;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// Finishes quality runs a stopped process left unfinished, so a quantum is never stuck with a run "running" (which would
/// refuse every new one): as <see cref="OnboardingRecovery"/> does for onboarding runs, with the same rules.
/// </summary>
public sealed class QualityRecovery(
    IDbContextFactory<MeshDbContext> factory,
    JobStorage storage,
    OnboardingRecovery onboarding,
    OnboardingProcess process,
    TimeProvider clock,
    ILogger<QualityRecovery> logger)
{
    public const string RecurringId = "quality-run-recovery";
    public const string LostBeforeStart = "interrupted: the job of this run was lost before it started (the server stopped or the job was deleted); nothing was checked — run it again";

    [AutomaticRetry(Attempts = 0)]
    public Task<int> SweepAsync(CancellationToken ct) => RecoverAsync(atStartup: false, ct);

    public async Task<int> RecoverAsync(bool atStartup, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = atStartup && onboarding.SingleProcess ? process.StartedAt : now - OnboardingRecovery.StaleAfter;
        await using var db = await factory.CreateDbContextAsync(ct);
        var interrupted = await db.QualityRuns
            .Where(r => r.Status == RunStatus.Running && (r.HeartbeatAt ?? r.StartedAt ?? r.QueuedAt) < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, QualityJob.Interrupted), ct);

        var candidates = await db.QualityRuns.AsNoTracking().Where(r => r.Status == RunStatus.Queued && r.QueuedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct);
        var lost = LostJobs.Of(storage, candidates.Select(r => (r.Id, r.JobId)).ToList());
        var failedQueued = lost.Count == 0 ? 0 : await db.QualityRuns.Where(r => lost.Contains(r.Id) && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, LostBeforeStart), ct);

        if (interrupted + failedQueued > 0)
            logger.LogWarning("Marked {Running} interrupted and {Queued} lost quality run(s) failed", interrupted, failedQueued);
        return interrupted + failedQueued;
    }
}

/// <summary>At start-up: recover abandoned quality runs, register the sweep and the hourly freshness check, and make Hangfire's quality schedules match the stored ones.</summary>
internal sealed class QualityStartup(
    QualityRecovery recovery,
    QualityService quality,
    IRecurringJobManager recurring,
    JobStorage storage,
    ILogger<QualityStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recovery.RecoverAsync(atStartup: true, cancellationToken);
            recurring.AddOrUpdate<QualityRecovery>(QualityRecovery.RecurringId, r => r.SweepAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<FreshnessJob>(FreshnessJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
            await quality.SyncSchedulesAsync(PerQuantumSchedules.RegisteredIds(storage), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The portal still serves; the minutely sweep retries the recovery.
            logger.LogError(e, "Quality start-up recovery failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Finishes runs that a stopped or crashed process left unfinished, so the UI never shows a run "running" forever.
/// Running runs whose heartbeat stopped for <see cref="StaleAfter"/> (or, in the embedded single-process mode, every
/// running run at start-up: no other process can be running it) fail as interrupted; queued runs whose Hangfire job is
/// gone or already finished fail too. The published data is untouched: the engine only publishes on success.
/// </summary>
public sealed class OnboardingRecovery(
    IDbContextFactory<MeshDbContext> factory,
    JobStorage storage,
    IOptions<DatabaseOptions> database,
    OnboardingProcess process,
    TimeProvider clock,
    ILogger<OnboardingRecovery> logger)
{
    public const string RecurringId = "onboarding-run-recovery";
    public const string LostBeforeStart = "interrupted: the job of this run was lost before it started (the server stopped or the job was deleted); nothing was loaded — run it again";
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>The embedded default: SQLite metadata, one process. Every running run at start-up belongs to a process that died.</summary>
    public bool SingleProcess => database.Value.Provider == DatabaseProvider.Sqlite;

    /// <summary>The recurring sweep (every minute, any instance; idempotent).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task<int> SweepAsync(CancellationToken ct) => RecoverAsync(atStartup: false, ct);

    /// <summary>Marks abandoned runs failed; returns how many.</summary>
    public async Task<int> RecoverAsync(bool atStartup, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // At start-up in the single-process mode, everything this process did not start is abandoned; runs it started
        // already (its job server may be quicker than this check) are not. Otherwise, only runs silent for a while.
        var cutoff = atStartup && SingleProcess ? process.StartedAt : now - StaleAfter;
        await using var db = await factory.CreateDbContextAsync(ct);
        var interrupted = await db.OnboardingRuns
            .Where(r => r.Status == RunStatus.Running && (r.HeartbeatAt ?? r.StartedAt ?? r.QueuedAt) < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, OnboardingJob.Interrupted), ct);

        // A queued run whose job still waits in Hangfire's storage is left alone: it runs when a server picks it up.
        var candidates = await db.OnboardingRuns.AsNoTracking().Where(r => r.Status == RunStatus.Queued && r.QueuedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct);
        var lost = LostJobs.Of(storage, candidates.Select(r => (r.Id, r.JobId)).ToList());
        var failedQueued = lost.Count == 0 ? 0 : await db.OnboardingRuns.Where(r => lost.Contains(r.Id) && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, LostBeforeStart), ct);

        if (interrupted + failedQueued > 0)
            logger.LogWarning("Marked {Running} interrupted and {Queued} lost onboarding run(s) failed", interrupted, failedQueued);
        return interrupted + failedQueued;
    }
}

/// <summary>When this process started: at start-up, unfinished runs older than this belong to a process that is gone.</summary>
public sealed record OnboardingProcess(DateTimeOffset StartedAt);

/// <summary>At start-up: recover abandoned runs, register the recovery sweep, and make Hangfire's schedules match the stored ones.</summary>
internal sealed class OnboardingStartup(
    OnboardingRecovery recovery,
    OnboardingService onboarding,
    IRecurringJobManager recurring,
    JobStorage storage,
    ILogger<OnboardingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recovery.RecoverAsync(atStartup: true, cancellationToken);
            recurring.AddOrUpdate<OnboardingRecovery>(OnboardingRecovery.RecurringId, r => r.SweepAsync(CancellationToken.None), Cron.Minutely());
            await onboarding.SyncSchedulesAsync(PerQuantumSchedules.RegisteredIds(storage), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The portal still serves; the minutely sweep retries the recovery.
            logger.LogError(e, "Onboarding start-up recovery failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using MeshPortal.DataPlane;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// The Hangfire job of one quality run. It takes the run's id, claims the run (queued → running) so it runs once whatever
/// Hangfire does, checks the contract's rules on the published data, stores every result and the verdict, updates the
/// quantum's standing, and always leaves the run finished. Never retried: the next onboarding, schedule or click runs again.
/// </summary>
public sealed class QualityJob(
    IDbContextFactory<MeshDbContext> factory,
    PublishedData published,
    QualityService quality,
    StandingWriter standings,
    TimeProvider clock,
    ILogger<QualityJob> logger)
{
    public const string InternalError = "internal error, see the server log";
    public const string Interrupted = "interrupted: the server stopped during the run — run it again";
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(10);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken shutdown)
    {
        var started = clock.GetUtcNow();
        QualityRun? run;
        await using (var db = await factory.CreateDbContextAsync(shutdown))
        {
            var claimed = await db.QualityRuns.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedAt, started)
                    .SetProperty(r => r.HeartbeatAt, started), shutdown);
            if (claimed == 0)
            {
                logger.LogInformation("Quality run {RunId} is no longer queued; nothing to do", runId);
                return;
            }
            run = await db.QualityRuns.AsNoTracking().FirstAsync(r => r.Id == runId, shutdown);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var heartbeat = HeartbeatAsync(runId, stop.Token);
        try
        {
            var check = await CheckAsync(run, shutdown);
            await FinishAsync(runId, RunStatus.Succeeded, null, check);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await FinishAsync(runId, RunStatus.Failed, Interrupted, null);
        }
        catch (DataPlaneException e)
        {
            await FinishAsync(runId, RunStatus.Failed, e.Message, null);
            logger.LogInformation("Quality run {RunId} failed: {Reason}", runId, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Quality run {RunId} failed with an unexpected error", runId);
            await FinishAsync(runId, RunStatus.Failed, InternalError, null);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
        }
        await AfterAsync(runId);
    }

    /// <summary>The recurring job of a quantum's quality schedule (skipped, and logged, while a run is under way).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(Guid quantumId, CancellationToken ct)
    {
        var result = await quality.StartScheduledAsync(quantumId, ct);
        if (!result.Succeeded) logger.LogInformation("Scheduled quality run of quantum {QuantumId} skipped: {Reason}", quantumId, result.Message);
    }

    private async Task<PublishedCheck> CheckAsync(QualityRun run, CancellationToken ct)
    {
        Domain.Contracts.NormalizedContract? contract;
        await using (var db = await factory.CreateDbContextAsync(ct))
            contract = await OnboardingTargets.LoadContractAsync(db, run.ContractId, run.ContractVersion, ct);
        if (contract is null) throw new DataPlaneException($"Contract {run.ContractId}@{run.ContractVersion} no longer exists, so its rules cannot run.");
        return await published.CheckAsync(run.QuantumId, contract, ct);
    }

    private async Task FinishAsync(Guid runId, RunStatus status, string? error, PublishedCheck? check)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = await db.QualityRuns.FirstOrDefaultAsync(r => r.Id == runId);
        // Recovery may have given up on it meanwhile (a heartbeat missed for minutes): its verdict stands.
        if (run is null || run.Status != RunStatus.Running) return;
        var now = clock.GetUtcNow();
        run.Status = status;
        run.Error = QualityOutcomes.Clip(error, 2000);
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        if (check is not null)
        {
            run.OnboardingRunId = check.LoadRunId;
            QualityOutcomes.Score(run, check.Results);
            foreach (var result in QualityOutcomes.ToEntities(check.Results))
            {
                result.QualityRunId = run.Id;
                db.QualityResults.Add(result);
            }
        }
        await db.SaveChangesAsync();
        if (check is not null)
            logger.LogInformation("Quality run {RunId} of quantum {QuantumId}: score {Score}, {Passed} passed, {Failed} failed, {Errors} in error{Verdict}",
                runId, run.QuantumId, run.Score, run.Passed, run.Failed, run.Errors, run.FailsContract ? "; fails its contract" : "");
    }

    /// <summary>
    /// The quantum's standing, then a run of newer data when an onboarding published while this run held the quantum's
    /// one slot (its own request to run was refused as busy).
    /// </summary>
    private async Task AfterAsync(Guid runId)
    {
        try
        {
            QualityRun run;
            Guid? latestLoad;
            await using (var db = await factory.CreateDbContextAsync())
            {
                run = await db.QualityRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
                latestLoad = (await QualityTargets.LastLoadAsync(db, run.QuantumId, CancellationToken.None))?.Id;
                if (latestLoad is { } load && load == run.OnboardingRunId) latestLoad = null;
                else if (latestLoad is { } newer && await db.QualityRuns.AnyAsync(r => r.OnboardingRunId == newer && !r.CheckedBeforePublish)) latestLoad = null;
            }
            await standings.RecordRunAsync(run);
            if (latestLoad is { } pending) await quality.StartAfterOnboardingAsync(run.QuantumId, pending);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not update the quality standing after run {RunId}", runId);
        }
    }

    private async Task HeartbeatAsync(Guid runId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    var now = clock.GetUtcNow();
                    await using var db = await factory.CreateDbContextAsync(ct);
                    await db.QualityRuns.Where(r => r.Id == runId && r.Status == RunStatus.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not record the heartbeat of quality run {RunId}", runId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

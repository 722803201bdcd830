using Hangfire;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Starting, following and cancelling onboarding runs, and a quantum's onboarding settings (gold SELECT, schedule).
/// A run is a row first and a Hangfire job second, so the UI and the API of any instance can follow it.
/// </summary>
public sealed partial class OnboardingService(
    IDbContextFactory<MeshDbContext> factory,
    IBackgroundJobClient jobs,
    IRecurringJobManager recurring,
    JobStorage storage,
    TimeProvider clock,
    ILogger<OnboardingService> logger)
{
    /// <summary>Queues a run of one of the quantum's sources. 409 while another run of the quantum is queued or running.</summary>
    public async Task<OperationResult<RunSummary>> StartAsync(Caller caller, Guid quantumId, Guid sourceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<RunSummary>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEdit(quantum)) return OperationResult<RunSummary>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may onboard data into this quantum.");
        return await QueueAsync(db, quantum, sourceId, caller.Username, ct);
    }

    /// <summary>What the recurring job calls: queues a run of the scheduled source unless one is already under way.</summary>
    public async Task<OperationResult<RunSummary>> StartScheduledAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await LoadQuantumAsync(db, quantumId, ct);
        var settings = await db.OnboardingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.QuantumId == quantumId, ct);
        if (quantum is null || settings?.Cron is null || settings.ScheduledSourceId is not { } sourceId)
            return OperationResult<RunSummary>.NotFound($"Quantum {quantumId} has no schedule.");
        return await QueueAsync(db, quantum, sourceId, "schedule", ct);
    }

    public async Task<RunSummary?> GetRunAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await SummariesAsync(db, db.OnboardingRuns.Where(r => r.Id == runId), ct)).FirstOrDefault();
    }

    /// <summary>The quantum's runs, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> HistoryAsync(Guid quantumId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var runs = db.OnboardingRuns.Where(r => r.QuantumId == quantumId).OrderByDescending(r => r.QueuedAt).Take(Math.Clamp(take, 1, 500));
        return (await SummariesAsync(db, runs, ct)).OrderByDescending(r => r.QueuedAt).ToList();
    }

    /// <summary>A queued run is cancelled at once (its job deleted); a running one is asked to stop and stops within about a second.</summary>
    public async Task<OperationResult<RunSummary>> CancelAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.OnboardingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return OperationResult<RunSummary>.NotFound($"There is no onboarding run {runId}.");
        var quantum = await LoadQuantumAsync(db, run.QuantumId, ct);
        if (quantum is not null && !caller.CanEdit(quantum))
            return OperationResult<RunSummary>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may cancel its onboarding runs.");
        if (run.IsFinished)
            return OperationResult<RunSummary>.Conflict("status", $"The run has already {EnumText.Of(run.Status)}; there is nothing to cancel.");

        var now = clock.GetUtcNow();
        var cancelled = await db.OnboardingRuns.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.CancelRequested, true).SetProperty(r => r.Error, $"Cancelled by {caller.Username} before it started."), ct);
        if (cancelled == 1)
        {
            if (run.JobId is not null) TryDeleteJob(run.JobId);
        }
        else
        {
            // It started in the meantime (or was queued without a job yet): the job polls this flag every second.
            await db.OnboardingRuns.Where(r => r.Id == runId && r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), ct);
        }
        return OperationResult<RunSummary>.Ok((await GetRunAsync(runId, ct))!);
    }

    private async Task<OperationResult<RunSummary>> QueueAsync(MeshDbContext db, Quantum quantum, Guid sourceId, string triggeredBy, CancellationToken ct)
    {
        var source = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId && s.QuantumId == quantum.Id, ct);
        if (source is null) return Invalid("sourceId", $"Quantum '{quantum.Slug}' has no source {sourceId}.");
        var errors = new ValidationErrors();
        var target = await OnboardingTargets.ResolveAsync(db, quantum, source.OutputPort, source.ObjectName, errors, ct);
        if (target is null) return OperationResult<RunSummary>.Invalid(errors.ToDictionary());
        if (await ActiveRunAsync(db, quantum.Id, ct) is { } active) return Busy(active);

        var run = new OnboardingRun
        {
            QuantumId = quantum.Id,
            SourceId = source.Id,
            ContractId = target.Port.ContractId!,
            ContractVersion = target.Port.ContractVersion!,
            ObjectName = target.Object.Name,
            TriggeredBy = triggeredBy,
            QueuedAt = clock.GetUtcNow(),
        };
        db.OnboardingRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The filtered unique index: another start won the race between the check and the save.
            db.ChangeTracker.Clear();
            return await ActiveRunAsync(db, quantum.Id, ct) is { } winner ? Busy(winner) : throw new InvalidOperationException("The run could not be saved.");
        }

        try
        {
            var jobId = jobs.Enqueue<OnboardingJob>(job => job.RunAsync(run.Id, CancellationToken.None));
            await db.OnboardingRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not enqueue onboarding run {RunId}", run.Id);
            var now = clock.GetUtcNow();
            await db.OnboardingRuns.Where(r => r.Id == run.Id && r.Status == RunStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "The run could not be handed to the job server; nothing was loaded. Try again, and tell an operator if it persists."), CancellationToken.None);
        }
        return OperationResult<RunSummary>.Ok((await GetRunAsync(run.Id, ct))!);
    }

    private static Task<OnboardingRun?> ActiveRunAsync(MeshDbContext db, Guid quantumId, CancellationToken ct) =>
        db.OnboardingRuns.AsNoTracking().Where(r => r.QuantumId == quantumId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .OrderBy(r => r.QueuedAt).FirstOrDefaultAsync(ct);

    private static OperationResult<RunSummary> Busy(OnboardingRun active) =>
        OperationResult<RunSummary>.Conflict("run",
            $"A run of this quantum is already {EnumText.Of(active.Status)} (run {active.Id}, started by {active.TriggeredBy}); one run at a time. Wait for it or cancel it.");

    private void TryDeleteJob(string jobId)
    {
        try
        {
            jobs.Delete(jobId);
        }
        catch (Exception e)
        {
            // The run is already cancelled: the job finds it so and does nothing.
            logger.LogWarning(e, "Could not delete Hangfire job {JobId} of a cancelled run", jobId);
        }
    }

    internal static Task<Quantum?> LoadQuantumAsync(MeshDbContext db, Guid quantumId, CancellationToken ct) =>
        db.Quanta.AsNoTracking().Include(q => q.Domain).Include(q => q.Ports).AsSplitQuery().FirstOrDefaultAsync(q => q.Id == quantumId, ct);

    private static async Task<List<RunSummary>> SummariesAsync(MeshDbContext db, IQueryable<OnboardingRun> runs, CancellationToken ct)
    {
        var rows = await (from r in runs.AsNoTracking()
                          join s in db.DataSources on r.SourceId equals s.Id into matched
                          from s in matched.DefaultIfEmpty()
                          select new { Run = r, SourceName = s == null ? null : s.Name }).ToListAsync(ct);
        return rows.Select(x => ToSummary(x.Run, x.SourceName ?? "(deleted source)")).ToList();
    }

    internal static RunSummary ToSummary(OnboardingRun r, string sourceName) => new(
        r.Id, r.QuantumId, r.SourceId, sourceName, r.Status, r.Phase, r.RowsRead, r.RowsValid, r.RowsQuarantined, r.GoldRows, r.Progress, r.Error,
        r.ContractId, r.ContractVersion, r.ObjectName, r.TriggeredBy, r.QueuedAt, r.StartedAt, r.FinishedAt, r.RowsReadEstimated);

    private static OperationResult<RunSummary> Invalid(string field, string message) =>
        OperationResult<RunSummary>.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

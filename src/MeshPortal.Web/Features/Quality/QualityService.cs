using Hangfire;
using MeshPortal.DataPlane.Quality;
using MeshPortal.DataPlane.Serving;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// Quality runs of a quantum's published data — after each successful onboarding, on the quantum's schedule, on demand —
/// their results, the quantum's quality tab, the dashboards, and the quality settings. A run is a row first and a
/// Hangfire job second (<see cref="QualityJob"/>), like an onboarding run.
/// </summary>
public sealed partial class QualityService(
    IDbContextFactory<MeshDbContext> factory,
    IBackgroundJobClient jobs,
    IRecurringJobManager recurring,
    JobStorage storage,
    QuantumDataReader reader,
    TimeProvider clock,
    ILogger<QualityService> logger)
{
    /// <summary>Runs a quantum's trend shows.</summary>
    public const int TrendRuns = 30;

    /// <summary>Queues a run of the quantum's contract rules on its published data. Members only; 409 while one is queued or running.</summary>
    public async Task<OperationResult<QualityRunSummary>> StartAsync(Caller caller, Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<QualityRunSummary>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEdit(quantum))
            return OperationResult<QualityRunSummary>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may run this quantum's quality checks.");
        return await QueueAsync(db, quantum, caller.Username, null, ct);
    }

    /// <summary>What a successful onboarding calls: a run of the data it just published (see <see cref="QualityJob"/> for when one is already under way).</summary>
    public async Task<OperationResult<QualityRunSummary>> StartAfterOnboardingAsync(Guid quantumId, Guid onboardingRunId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<QualityRunSummary>.NotFound($"There is no quantum {quantumId}.");
        return await QueueAsync(db, quantum, QualityTriggers.Onboarding, onboardingRunId, ct);
    }

    /// <summary>What the quantum's recurring job calls: a run of its published data, skipped while one is under way.</summary>
    public async Task<OperationResult<QualityRunSummary>> StartScheduledAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        var cron = await db.OnboardingSettings.AsNoTracking().Where(s => s.QuantumId == quantumId).Select(s => s.QualityCron).FirstOrDefaultAsync(ct);
        if (quantum is null || cron is null) return OperationResult<QualityRunSummary>.NotFound($"Quantum {quantumId} has no quality schedule.");
        return await QueueAsync(db, quantum, QualityTriggers.Schedule, null, ct);
    }

    public async Task<QualityRunDetail?> GetRunAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.QualityRuns.AsNoTracking().Include(r => r.Results).FirstOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : Detail(run);
    }

    /// <summary>The latest finished run of the quantum's published data (checks of staged data before a publish aside).</summary>
    public async Task<QualityRunDetail?> LatestAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LatestAsync(db, quantumId, ct);
    }

    /// <summary>The quantum's runs, newest first (checks of staged data before a publish included, flagged).</summary>
    public async Task<IReadOnlyList<QualityRunSummary>> HistoryAsync(Guid quantumId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var runs = await db.QualityRuns.AsNoTracking().Where(r => r.QuantumId == quantumId)
            .OrderByDescending(r => r.QueuedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return runs.Select(Summary).ToList();
    }

    /// <summary>Everything the quantum's Quality tab shows, for one caller; null when there is no such quantum.</summary>
    public async Task<QuantumQuality?> QuantumAsync(Caller caller, Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return null;
        var latest = await LatestAsync(db, quantumId, ct);
        var trend = await TrendAsync(db, quantumId, ct);
        var settings = await db.OnboardingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.QuantumId == quantumId, ct);
        var lastLoad = await QualityTargets.LastLoadAsync(db, quantumId, ct);
        var target = await QualityTargets.ResolveAsync(db, quantum, ct);
        FreshnessView? freshness = null;
        if (target is not null)
        {
            var result = FreshnessChecker.Check(target.Contract.Sla, lastLoad?.FinishedAt, clock.GetUtcNow());
            freshness = new FreshnessView(result, StandingWriter.IsStale(result));
        }
        return new QuantumQuality(quantumId, latest, trend, freshness, settings?.BlockPublishOnQualityFailure ?? false, caller.CanEdit(quantum), lastLoad is not null)
        {
            QualityCron = settings?.QualityCron,
        };
    }

    private async Task<OperationResult<QualityRunSummary>> QueueAsync(MeshDbContext db, Quantum quantum, string triggeredBy, Guid? onboardingRunId, CancellationToken ct)
    {
        var layers = await reader.LayersAsync(quantum.Id, ct);
        if (!QualityTargets.HasServedData(layers))
            return OperationResult<QualityRunSummary>.Unprocessable(
                $"Nothing is published for quantum '{quantum.Slug}' yet: quality checks run on the published data, so onboard a source first.",
                new Dictionary<string, string[]> { ["quantum"] = ["No data is published yet: onboard a source on the Data tab first."] });
        var target = await QualityTargets.ResolveAsync(db, quantum, ct);
        if (target is null)
            return OperationResult<QualityRunSummary>.Unprocessable(
                $"No output port of quantum '{quantum.Slug}' is bound to a contract version, so there are no rules to check.",
                new Dictionary<string, string[]> { ["outputPort"] = ["Bind an output port to a contract version: its quality rules are what runs."] });
        if (await ActiveRunAsync(db, quantum.Id, ct) is { } active) return Busy(active);

        var run = new QualityRun
        {
            QuantumId = quantum.Id,
            ContractId = target.Contract.Id,
            ContractVersion = target.Contract.Version,
            OnboardingRunId = onboardingRunId ?? layers.OrderByDescending(l => l.LoadedAt).First().RunId,
            TriggeredBy = triggeredBy,
            QueuedAt = clock.GetUtcNow(),
        };
        db.QualityRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The filtered unique index: another start won the race between the check and the save.
            db.ChangeTracker.Clear();
            return await ActiveRunAsync(db, quantum.Id, ct) is { } winner ? Busy(winner) : throw new InvalidOperationException("The quality run could not be saved.");
        }

        try
        {
            var jobId = jobs.Enqueue<QualityJob>(job => job.RunAsync(run.Id, CancellationToken.None));
            await db.QualityRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), ct);
            run.JobId = jobId;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not enqueue quality run {RunId}", run.Id);
            var now = clock.GetUtcNow();
            await db.QualityRuns.Where(r => r.Id == run.Id && r.Status == RunStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "The run could not be handed to the job server; nothing was checked. Try again, and tell an operator if it persists."), CancellationToken.None);
        }
        var saved = await db.QualityRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id, ct);
        return OperationResult<QualityRunSummary>.Ok(Summary(saved));
    }

    internal static Task<QualityRun?> ActiveRunAsync(MeshDbContext db, Guid quantumId, CancellationToken ct) =>
        db.QualityRuns.AsNoTracking().Where(r => r.QuantumId == quantumId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .OrderBy(r => r.QueuedAt).FirstOrDefaultAsync(ct);

    private static OperationResult<QualityRunSummary> Busy(QualityRun active) =>
        OperationResult<QualityRunSummary>.Conflict("run",
            $"A quality run of this quantum is already {EnumText.Of(active.Status)} (run {active.Id}, started by {active.TriggeredBy}); one run at a time. Wait for it to finish.");

    private static async Task<QualityRunDetail?> LatestAsync(MeshDbContext db, Guid quantumId, CancellationToken ct)
    {
        var run = await db.QualityRuns.AsNoTracking().Include(r => r.Results)
            .Where(r => r.QuantumId == quantumId && !r.CheckedBeforePublish
                        && (r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.Cancelled))
            .OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);
        return run is null ? null : Detail(run);
    }

    /// <summary>The last <see cref="TrendRuns"/> succeeded runs of published data, oldest first, with their scores per dimension.</summary>
    private static async Task<List<QualityTrendPoint>> TrendAsync(MeshDbContext db, Guid quantumId, CancellationToken ct)
    {
        var runs = await db.QualityRuns.AsNoTracking()
            .Where(r => r.QuantumId == quantumId && r.Status == RunStatus.Succeeded && !r.CheckedBeforePublish)
            .OrderByDescending(r => r.FinishedAt).Take(TrendRuns)
            .Select(r => new { r.Id, r.FinishedAt, r.Score, r.Failed }).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var byDimension = await DimensionsAsync(db, ids, ct);
        return runs.OrderBy(r => r.FinishedAt)
            .Select(r => new QualityTrendPoint(r.Id, r.FinishedAt!.Value, r.Score, r.Failed,
                byDimension.TryGetValue(r.Id, out var d) ? d : new Dictionary<string, double?>()))
            .ToList();
    }

    /// <summary>The score of each dimension in each run, counted in the database (passed and failed rules per dimension).</summary>
    private static async Task<Dictionary<Guid, IReadOnlyDictionary<string, double?>>> DimensionsAsync(MeshDbContext db, List<Guid> runIds, CancellationToken ct)
    {
        var counts = await DimensionCountsAsync(db, runIds, ct);
        return counts.GroupBy(c => c.RunId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double?>)g
            .GroupBy(c => QualityScore.Dimension(c.Dimension))
            .ToDictionary(d => d.Key, d => Percent(d.Sum(c => c.Passed), d.Sum(c => c.Failed))));
    }

    internal sealed record DimensionCount(Guid RunId, string? Dimension, int Passed, int Failed);

    internal static async Task<List<DimensionCount>> DimensionCountsAsync(MeshDbContext db, List<Guid> runIds, CancellationToken ct)
    {
        if (runIds.Count == 0) return [];
        var rows = new List<DimensionCount>();
        // Chunked: SQL Server takes at most 2100 parameters in a statement.
        foreach (var chunk in runIds.Chunk(500))
        {
            var part = await db.QualityResults.AsNoTracking()
                .Where(r => chunk.Contains(r.QualityRunId) && (r.Outcome == QualityOutcomes.Passed || r.Outcome == QualityOutcomes.Failed))
                .GroupBy(r => new { r.QualityRunId, r.Dimension })
                .Select(g => new DimensionCount(g.Key.QualityRunId, g.Key.Dimension,
                    g.Count(r => r.Outcome == QualityOutcomes.Passed), g.Count(r => r.Outcome == QualityOutcomes.Failed)))
                .ToListAsync(ct);
            rows.AddRange(part);
        }
        return rows;
    }

    internal static double? Percent(int passed, int failed) => passed + failed == 0 ? null : passed * 100.0 / (passed + failed);

    internal static QualityRunDetail Detail(QualityRun run)
    {
        var engine = run.Results.Select(QualityOutcomes.ToEngine).ToList();
        return new QualityRunDetail(Summary(run), QualityOutcomes.FailingFirst(run.Results), QualityScore.Compute(engine).Dimensions);
    }

    internal static QualityRunSummary Summary(QualityRun r) =>
        new(r.Id, r.QuantumId, r.ContractId, r.ContractVersion, r.Status, r.TriggeredBy, r.Score, r.Passed, r.Failed, r.Errors, r.NotExecuted,
            r.FailsContract, r.Error, r.QueuedAt, r.StartedAt, r.FinishedAt)
        {
            OnboardingRunId = r.OnboardingRunId,
            CheckedBeforePublish = r.CheckedBeforePublish,
            BlockedPublish = r.BlockedPublish,
        };
}

/// <summary>Who started a quality run, when it was not a user.</summary>
public static class QualityTriggers
{
    public const string Onboarding = "onboarding", Schedule = "schedule", Seed = "seed";
}

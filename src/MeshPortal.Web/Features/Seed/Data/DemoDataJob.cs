using System.Text;
using Hangfire;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Onboards the demo sample data: every producer's upload first, then — once the producers have published — the
/// composed quanta, whose composition sources read the producers' output. Each run is an ordinary onboarding run, and
/// each successful one is followed by its ordinary quality run.
/// </summary>
/// <remarks>
/// Before today's data, <see cref="DemoData.History"/> gives every quantum a quality history: each earlier day's file
/// (other rows, another seed) is onboarded and checked for real, then that day's onboarding and quality runs are dated
/// back to the day (a demo clock: every figure comes from the engine; only the timestamps are moved).
/// </remarks>
public sealed class DemoDataJob(IDbContextFactory<MeshDbContext> factory, OnboardingService onboarding, TimeProvider clock, ILogger<DemoDataJob> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>A producer's upload: where its file is, what it holds today, and the object the generator fills.</summary>
    private sealed record Upload(DemoData.UploadSeed Seed, string Path, byte[] Today, Domain.Contracts.ContractObject Object);

    [AutomaticRetry(Attempts = 0)]
    public async Task OnboardAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var uploads = await UploadsAsync(ct);
        try
        {
            foreach (var day in DemoData.History)
            {
                try
                {
                    await HistoryDayAsync(day, uploads, now, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Demo data: the history of {Days} day(s) ago could not be made; today's data is onboarded anyway.", day.DaysAgo);
                }
            }
        }
        finally
        {
            foreach (var upload in uploads) await File.WriteAllBytesAsync(upload.Path, upload.Today, CancellationToken.None);
        }
        await OnboardAllAsync(history: false, ct);
    }

    /// <summary>
    /// Producers, then the composed quanta over what the producers published; returns every run started. Earlier days
    /// leave out the composition refused on purpose: its refusal is today's story.
    /// </summary>
    private async Task<List<Guid>> OnboardAllAsync(bool history, CancellationToken ct)
    {
        var producers = await StartAllAsync(DemoData.Uploads.Select(u => u.Quantum), DemoData.UploadSourceName, ct);
        await WaitAsync(producers, ct);
        var composed = await StartAllAsync(DemoData.Composed.Where(c => !history || c.FailsBecause is null).Select(c => c.Quantum), DemoData.ComposedSourceName, ct);
        await WaitAsync(composed, ct);
        return [.. producers, .. composed];
    }

    /// <summary>One earlier day: that day's files onboarded and checked, then the day's runs dated back to 06:00 UTC that day.</summary>
    private async Task HistoryDayAsync(DemoData.HistoryDay day, IReadOnlyList<Upload> uploads, DateTimeOffset now, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-day.DaysAgo);
        foreach (var upload in uploads)
        {
            var rows = Math.Max(1, (int)Math.Round(upload.Seed.Rows * day.Rows));
            var data = DemoDataGenerator.Generate(upload.Object, rows, upload.Seed.Seed + day.Seed, date);
            await File.WriteAllBytesAsync(upload.Path, Encoding.UTF8.GetBytes(data.Csv), ct);
        }
        var runs = await OnboardAllAsync(history: true, ct);
        await WaitForQualityAsync(runs, ct);
        await BackdateAsync(runs, new DateTimeOffset(date.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero), ct);
    }

    private async Task<List<Upload>> UploadsAsync(CancellationToken ct)
    {
        var uploads = new List<Upload>();
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var seed in DemoData.Uploads)
        {
            var quantumId = await DemoOwners.QuantumIdAsync(db, seed.Quantum, ct);
            var path = await db.DataSources.Where(s => s.QuantumId == quantumId && s.Name == DemoData.UploadSourceName).Select(s => s.FilePath).SingleAsync(ct);
            if (path is null || !File.Exists(path)) continue;
            uploads.Add(new Upload(seed, path, await File.ReadAllBytesAsync(path, ct), await DemoDataSeeder.ObjectOfPortAsync(db, quantumId, seed.Port, seed.Object, ct)));
        }
        return uploads;
    }

    /// <summary>Waits until every successful run's data has a finished quality run (the one each onboarding queues).</summary>
    private async Task WaitForQualityAsync(IReadOnlyCollection<Guid> runs, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + Patience;
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                var loaded = await db.OnboardingRuns.Where(r => runs.Contains(r.Id) && r.Status == RunStatus.Succeeded).Select(r => r.Id).ToListAsync(ct);
                var checkedRuns = await db.QualityRuns.Where(q => q.OnboardingRunId != null && loaded.Contains(q.OnboardingRunId.Value) && !q.CheckedBeforePublish
                        && (q.Status == RunStatus.Succeeded || q.Status == RunStatus.Failed || q.Status == RunStatus.Cancelled))
                    .Select(q => q.OnboardingRunId!.Value).Distinct().CountAsync(ct);
                if (checkedRuns >= loaded.Count) return;
            }
            if (clock.GetUtcNow() > deadline)
            {
                logger.LogWarning("Demo data: gave up waiting for the quality runs of {Count} onboarding runs after {Patience}.", runs.Count, Patience);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>The demo clock: moves the runs (and the quality runs of their data) so the day's first starts at <paramref name="start"/>.</summary>
    private async Task BackdateAsync(IReadOnlyCollection<Guid> runs, DateTimeOffset start, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var onboardingRuns = await db.OnboardingRuns.Where(r => runs.Contains(r.Id)).ToListAsync(ct);
        if (onboardingRuns.Count == 0) return;
        var shift = start - onboardingRuns.Min(r => r.QueuedAt);
        foreach (var run in onboardingRuns)
        {
            run.QueuedAt += shift;
            run.StartedAt += shift;
            run.FinishedAt += shift;
            run.HeartbeatAt += shift;
        }
        foreach (var run in await db.QualityRuns.Where(q => q.OnboardingRunId != null && runs.Contains(q.OnboardingRunId.Value)).ToListAsync(ct))
        {
            run.QueuedAt += shift;
            run.StartedAt += shift;
            run.FinishedAt += shift;
            run.HeartbeatAt += shift;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<Guid>> StartAllAsync(IEnumerable<string> quanta, string sourceName, CancellationToken ct)
    {
        var runs = new List<Guid>();
        foreach (var key in quanta)
        {
            Guid quantumId, sourceId;
            Domain.Identity.Caller owner;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                quantumId = await DemoOwners.QuantumIdAsync(db, key, ct);
                sourceId = await db.DataSources.Where(s => s.QuantumId == quantumId && s.Name == sourceName).Select(s => s.Id).SingleAsync(ct);
                owner = await DemoOwners.OwnerOfAsync(db, DemoOwners.Split(key).Domain, ct);
            }
            var started = await onboarding.StartAsync(owner, quantumId, sourceId, ct);
            if (started.Succeeded) runs.Add(started.Value!.Id);
            else logger.LogWarning("Demo data: could not start onboarding {Quantum}: {Reason}", key, started.Message);
        }
        return runs;
    }

    private async Task WaitAsync(List<Guid> runs, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + Patience;
        foreach (var runId in runs)
        {
            while (true)
            {
                var run = await onboarding.GetRunAsync(runId, ct);
                if (run is null || run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled)
                {
                    if (run?.Status is RunStatus.Failed) logger.LogWarning("Demo data: onboarding run {Run} failed: {Error}", runId, run.Error);
                    break;
                }
                if (clock.GetUtcNow() > deadline)
                {
                    logger.LogWarning("Demo data: gave up waiting for onboarding run {Run} after {Patience}.", runId, Patience);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }
}

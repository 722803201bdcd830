using Hangfire;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Search.Indexing;

/// <summary>
/// The Hangfire jobs that keep the dictionary in step with the metadata database: draining the outbox
/// (after every change and every minute) and full rebuilds. Both are idempotent: replaying a source
/// re-projects its current state, so a retry or a crash at any point loses nothing.
/// </summary>
public sealed class DictionaryIndexer(
    IDbContextFactory<MeshDbContext> factory,
    DictionaryProjection projection,
    IDictionaryIndex index,
    TimeProvider clock,
    ILogger<DictionaryIndexer> logger)
{
    public const string DrainRecurringId = "dictionary-outbox-drain";
    public const string RebuildRecurringId = "dictionary-rebuild";
    private const int BatchSize = 200;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // Drains in one process run one at a time; across processes the work is idempotent anyway.
    private static readonly SemaphoreSlim DrainLock = new(1, 1);

    /// <summary>Indexes every unprocessed outbox row; returns how many rows it processed.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await DrainLock.WaitAsync(ct);
        try
        {
            var processed = 0;
            // Sources that failed in this run: their rows stay unprocessed for the next drain, and must not
            // hold back the changes behind them.
            var failed = new List<long>();
            Exception? firstFailure = null;
            while (true)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var rows = await db.DictionaryOutbox.Where(e => e.ProcessedAt == null && !failed.Contains(e.Id))
                    .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
                if (rows.Count == 0) break;
                var now = clock.GetUtcNow();
                try
                {
                    await ApplyAsync(db, rows.Select(r => r.Source).ToHashSet(StringComparer.Ordinal), ct);
                    foreach (var row in rows) row.ProcessedAt = now;
                    processed += rows.Count;
                }
                catch (Exception batchFailure) when (batchFailure is not OperationCanceledException)
                {
                    // Find the culprit: apply each source alone, so one bad entity does not stop all indexing.
                    foreach (var group in rows.GroupBy(r => r.Source, StringComparer.Ordinal))
                    {
                        try
                        {
                            await ApplyAsync(db, [group.Key], ct);
                            foreach (var row in group) row.ProcessedAt = now;
                            processed += group.Count();
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            firstFailure ??= e;
                            foreach (var row in group)
                            {
                                row.Attempts++;
                                row.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                                failed.Add(row.Id);
                            }
                            logger.LogWarning(e, "Indexing {Source} failed; it is retried on the next drain", group.Key);
                        }
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
            if (processed > 0) logger.LogInformation("Indexed {Count} dictionary change(s)", processed);
            // The job fails (and Hangfire shows why) when a source could not be indexed; the others are done.
            if (firstFailure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure);
            await PurgeProcessedAsync(ct);
            return processed;
        }
        finally
        {
            DrainLock.Release();
        }
    }

    /// <summary>Starts a full rebuild and returns its id; the job reports progress in the DictionaryRebuilds table.</summary>
    public static async Task<Guid> RequestRebuildAsync(IDbContextFactory<MeshDbContext> factory, IBackgroundJobClient jobs, TimeProvider clock, string requestedBy, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rebuild = new DictionaryRebuild { RequestedAt = clock.GetUtcNow(), RequestedBy = requestedBy };
        db.DictionaryRebuilds.Add(rebuild);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<DictionaryIndexer>(indexer => indexer.RebuildAsync(rebuild.Id, CancellationToken.None));
        return rebuild.Id;
    }

    /// <summary>The recurring rebuild: records itself, then runs like a requested one.</summary>
    public async Task ScheduledRebuildAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rebuild = new DictionaryRebuild { RequestedAt = clock.GetUtcNow(), RequestedBy = "schedule" };
        db.DictionaryRebuilds.Add(rebuild);
        await db.SaveChangesAsync(ct);
        await RebuildAsync(rebuild.Id, ct);
    }

    /// <summary>
    /// Builds a fresh index from the database and swaps it in. Changes saved while it runs may be missing
    /// from the new index, so afterwards every outbox row written since the start is replayed on it: rows above
    /// the high-water mark, and rows a drain processed since the start (see <see cref="ReplaySinceAsync"/>).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RebuildAsync(Guid rebuildId, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var rebuild = await db.DictionaryRebuilds.FirstAsync(r => r.Id == rebuildId, ct);
            if (rebuild.Status is "succeeded" or "failed") return;
            rebuild.Status = "running";
            rebuild.StartedAt = startedAt;
            rebuild.Expected = await projection.EstimateAsync(ct);
            await db.SaveChangesAsync(ct);
        }
        long highWaterMark;
        await using (var db = await factory.CreateDbContextAsync(ct))
            highWaterMark = await db.DictionaryOutbox.MaxAsync(e => (long?)e.Id, ct) ?? 0;

        var progress = new RebuildProgress(factory, rebuildId, clock);
        try
        {
            var count = await index.RebuildAsync(projection.AllAsync(ct), progress, ct);
            await ReplaySinceAsync(highWaterMark, startedAt, ct);
            await progress.FinishAsync("succeeded", count, null);
            logger.LogInformation("Rebuilt the dictionary: {Count} entries", count);
        }
        catch (Exception e)
        {
            await progress.FinishAsync("failed", null, e.Message);
            logger.LogError(e, "Dictionary rebuild {Id} failed", rebuildId);
            throw;
        }
    }

    /// <summary>
    /// Ids are allocated when a row is inserted, not when it commits: on SQL Server a save that commits after the
    /// mark was read can carry an id below it. If a drain indexed such a row during the rebuild, it wrote to the index
    /// being replaced (Elasticsearch writes through the alias), so rows processed since the start are replayed too
    /// (a minute early: another instance's clock may be a little behind; replaying more is only redundant).
    /// </summary>
    private async Task ReplaySinceAsync(long highWaterMark, DateTimeOffset startedAt, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var since = startedAt - ClockSkew;
        var sources = await db.DictionaryOutbox.Where(e => e.Id > highWaterMark || e.ProcessedAt >= since)
            .Select(e => e.Source).Distinct().ToListAsync(ct);
        if (sources.Count > 0) await ApplyAsync(db, sources.ToHashSet(StringComparer.Ordinal), ct);
    }

    private async Task ApplyAsync(MeshDbContext db, HashSet<string> sources, CancellationToken ct)
    {
        // A quantum's tier and name appear on the columns of the contracts it serves: re-project those too.
        var quantumIds = sources.Select(DictionarySources.Parse).Where(s => s.Kind == "quantum" && Guid.TryParse(s.Key, out _)).Select(s => Guid.Parse(s.Key)).ToList();
        if (quantumIds.Count > 0)
        {
            var served = await db.Ports.Where(p => quantumIds.Contains(p.QuantumId) && p.ContractId != null).Select(p => p.ContractId!).Distinct().ToListAsync(ct);
            foreach (var contract in served) sources.Add(DictionarySources.Contract(contract));
        }
        var documents = await projection.ForSourcesAsync(sources, ct);
        await index.ReplaceSourcesAsync(sources, documents, ct);
    }

    private async Task PurgeProcessedAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-1);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.DictionaryOutbox.Where(e => e.ProcessedAt != null && e.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>Writes progress to the database at most twice a second, so any instance's UI can follow it.</summary>
    private sealed class RebuildProgress(IDbContextFactory<MeshDbContext> factory, Guid id, TimeProvider clock) : IProgress<long>
    {
        private long _lastWrite;
        private long _latest;

        public void Report(long value)
        {
            Interlocked.Exchange(ref _latest, value);
            var now = clock.GetTimestamp();
            var last = Interlocked.Read(ref _lastWrite);
            if (clock.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(500) || Interlocked.CompareExchange(ref _lastWrite, now, last) != last) return;
            using var db = factory.CreateDbContext();
            db.DictionaryRebuilds.Where(r => r.Id == id).ExecuteUpdate(s => s.SetProperty(r => r.Indexed, value));
        }

        public async Task FinishAsync(string status, long? count, string? error)
        {
            await using var db = await factory.CreateDbContextAsync();
            var rebuild = await db.DictionaryRebuilds.FirstAsync(r => r.Id == id);
            rebuild.Status = status;
            rebuild.FinishedAt = clock.GetUtcNow();
            rebuild.Indexed = count ?? Interlocked.Read(ref _latest);
            if (count is not null) rebuild.Expected = count.Value;
            rebuild.Error = error is { Length: > 2000 } ? error[..2000] : error;
            await db.SaveChangesAsync();
        }
    }
}

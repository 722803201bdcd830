using System.Diagnostics;
using MeshPortal.Web.Data;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Search.Lucene;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Bench.Dictionary;

/// <summary>A full Lucene rebuild into an empty folder, timed, with this process's memory sampled throughout.</summary>
public static class RebuildPhase
{
    /// <summary>The index alone: documents straight from the generator.</summary>
    public static async Task<PhaseResult> FromGeneratorAsync(MeshGenerator mesh, string folder)
    {
        Reset(folder);
        await using var index = new LuceneDictionaryIndex(folder);
        return await MeasureAsync(() => index.RebuildAsync(GeneratedDocuments.AllAsync(mesh)));
    }

    /// <summary>
    /// What the nightly job and the admin button run: DictionaryIndexer.RebuildAsync, reading the metadata database
    /// through DictionaryProjection (contracts in batches, each version's ODCS document parsed and normalized), writing
    /// progress to the database, then replaying the outbox since its high-water mark (empty here).
    /// </summary>
    public static async Task<PhaseResult> FromDatabaseAsync(string databasePath, string folder)
    {
        Reset(folder);
        var database = new MetadataDatabase(databasePath);
        await using var index = new LuceneDictionaryIndex(folder);
        var indexer = new DictionaryIndexer(database, new DictionaryProjection(database), index, TimeProvider.System, NullLogger<DictionaryIndexer>.Instance);
        var rebuild = new DictionaryRebuild { RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "benchmark" };
        await using (var db = database.CreateDbContext())
        {
            db.DictionaryRebuilds.Add(rebuild);
            await db.SaveChangesAsync();
        }
        return await MeasureAsync(async () =>
        {
            await indexer.RebuildAsync(rebuild.Id, CancellationToken.None);
            await using var db = database.CreateDbContext();
            var done = await db.DictionaryRebuilds.AsNoTracking().SingleAsync(r => r.Id == rebuild.Id);
            if (done.Status != "succeeded") throw new InvalidOperationException($"The rebuild ended {done.Status}: {done.Error}");
            return done.Indexed;
        });
    }

    /// <summary>Where the database rebuild's extra time goes: DictionaryProjection.AllAsync read to the end, nothing indexed.</summary>
    public static Task<PhaseResult> ProjectionOnlyAsync(string databasePath)
    {
        var database = new MetadataDatabase(databasePath);
        return MeasureAsync(async () =>
        {
            long count = 0;
            await foreach (var _ in new DictionaryProjection(database).AllAsync()) count++;
            return count;
        });
    }

    private static async Task<PhaseResult> MeasureAsync(Func<Task<long>> rebuild)
    {
        using var memory = new MemorySampler();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var documents = await rebuild();
        var seconds = timer.Elapsed.TotalSeconds;
        process.Refresh();
        var (rss, anon, heap, hwm) = memory.Peaks();
        return new PhaseResult(documents, seconds, (process.TotalProcessorTime - cpu).TotalSeconds, Math.Max(rss, hwm), anon, heap, "");
    }

    private static void Reset(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

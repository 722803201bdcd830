using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace MeshPortal.Web.Search.Lucene;

public sealed partial class LuceneDictionaryIndex
{
    /// <summary>
    /// Writes a new index folder from <paramref name="documents"/>, then switches to it atomically.
    /// </summary>
    /// <remarks>
    /// Writes that arrive during the rebuild are not lost, and the caller owes nothing for them: ReplaceSources
    /// keeps updating the live index (so searches see them at once) and also records the latest documents of each
    /// source it replaced. Just before the switch, under the write lock, those sources are replaced once more in
    /// the new index. The stream may have read a source before or after its change; either way the replay, which
    /// comes last, wins, so the new index ends with every write that returned before the switch, and a write after
    /// it goes to the new index directly. The cost: the changed sources' documents are held in memory for the
    /// length of a rebuild. (DictionaryIndexer also replays its outbox from a high-water mark after the swap, which
    /// the Elasticsearch backend relies on; replays are idempotent, so doing both is harmless.)
    /// </remarks>
    public async Task<long> RebuildAsync(IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _rebuildLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _writeLock.WaitAsync(ct);
            try
            {
                _changedDuringRebuild = new Dictionary<string, List<DictionaryDocument>>(StringComparer.Ordinal);
            }
            finally
            {
                _writeLock.Release();
            }

            var name = NewFolderName();
            LiveIndex? fresh = null;
            var swapped = false;
            try
            {
                fresh = OpenLive(name, OpenMode.CREATE, rebuild: true);
                var count = await IndexAllAsync(fresh.Writer, documents, progress, ct);
                var builder = _writeBuilder;

                LiveIndex old;
                await _writeLock.WaitAsync(ct);
                try
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    foreach (var (source, docs) in _changedDuringRebuild)
                    {
                        Apply(fresh.Writer, [source], docs, builder);
                    }
                    _changedDuringRebuild = null;
                    fresh.Writer.Commit();
                    fresh.Searchers.MaybeRefreshBlocking();
                    WritePointer(name);
                    old = _live;
                    _live = fresh;
                    swapped = true;
                }
                finally
                {
                    _writeLock.Release();
                }

                progress?.Report(count);
                _logger.LogInformation("Dictionary rebuilt with {Count} entries in {Folder}", count, name);
                await RetireAsync(old, deleteFolder: true);
                return count;
            }
            finally
            {
                if (!swapped)
                {
                    await _writeLock.WaitAsync(CancellationToken.None);
                    _changedDuringRebuild = null;
                    _writeLock.Release();
                    if (fresh is not null) await RetireAsync(fresh, deleteFolder: true, discard: true);
                    else DeleteFolder(name);
                }
            }
        }
        finally
        {
            _rebuildLock.Release();
        }
    }

    /// <summary>
    /// Reads the stream on this thread and indexes on one thread per core (IndexWriter takes documents from
    /// several threads at once): analysis and in-memory postings are most of a rebuild's work.
    /// </summary>
    private static async Task<long> IndexAllAsync(IndexWriter writer, IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress, CancellationToken ct)
    {
        const int batchSize = 256;
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var channel = Channel.CreateBounded<List<DictionaryDocument>>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                var builder = new DocumentBuilder();
                await foreach (var batch in channel.Reader.ReadAllAsync(CancellationToken.None))
                {
                    foreach (var d in batch)
                    {
                        Validate(d);
                        writer.AddDocument(builder.Build(d));
                    }
                }
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e); // stops the reader below
                throw;
            }
        }, CancellationToken.None)).ToArray();

        long count = 0;
        try
        {
            var batch = new List<DictionaryDocument>(batchSize);
            await foreach (var d in documents.WithCancellation(ct))
            {
                batch.Add(d);
                if (batch.Count == batchSize)
                {
                    await channel.Writer.WriteAsync(batch, ct);
                    batch = new List<DictionaryDocument>(batchSize);
                }
                if (++count % ProgressEvery == 0) progress?.Report(count);
            }
            if (batch.Count > 0) await channel.Writer.WriteAsync(batch, ct);
            channel.Writer.TryComplete();
        }
        catch
        {
            channel.Writer.TryComplete();
            try
            {
                await Task.WhenAll(consumers);
            }
            catch (Exception consumerError)
            {
                // An indexing thread failed first: its error is the cause, the reader's only the consequence.
                ExceptionDispatchInfo.Throw(consumerError);
            }
            throw;
        }
        await Task.WhenAll(consumers);
        return count;
    }

    private LiveIndex OpenLive(string name, OpenMode mode, bool rebuild = false)
    {
        var directory = FSDirectory.Open(Path.Combine(_root, name));
        try
        {
            var config = new IndexWriterConfig(IdentifierAnalyzer.Version, _analyzer)
            {
                OpenMode = mode,
                Similarity = new BM25Similarity(),
                // A rebuild flushes rarely (fewer, larger segments, less merging); live updates are small.
                RAMBufferSizeMB = rebuild ? 256 : 32,
                // Flushed segments are merged soon anyway: skip packing each into a compound file.
                UseCompoundFile = !rebuild,
            };
            var writer = new IndexWriter(directory, config);
            if (mode == OpenMode.CREATE)
            {
                writer.SetCommitData(new Dictionary<string, string> { [FormatKey] = FormatVersion });
                // A new live index is committed empty at once, so a restart finds it; a rebuild commits when complete.
                if (!rebuild) writer.Commit();
            }
            else if (!writer.CommitData.TryGetValue(FormatKey, out var format) || format != FormatVersion)
            {
                writer.Dispose();
                throw new IndexFormatException($"The dictionary index {name} has format '{format}', this version reads '{FormatVersion}'.");
            }
            var searchers = new SearcherManager(writer, applyAllDeletes: true, Bm25SearcherFactory.Instance);
            return new LiveIndex(name, directory, writer, searchers);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The index layout this code writes and reads (fields, analysis, stored entries); bump it on any change.</summary>
    private const string FormatVersion = "2";
    private const string FormatKey = "meshportal.format";

    private sealed class IndexFormatException(string message) : Exception(message);

    /// <summary>
    /// Closes an index that is no longer live once the searches still running on it are done, and deletes its folder.
    /// </summary>
    private async Task RetireAsync(LiveIndex index, bool deleteFolder, bool discard = false)
    {
        index.Retire();
        var waited = TimeSpan.Zero;
        while (index.InFlight > 0 && waited < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
            waited += TimeSpan.FromMilliseconds(10);
        }
        try
        {
            index.Searchers.Dispose();
            // Closing commits what is pending; an index about to be deleted skips that.
            if (discard) index.Writer.Rollback();
            else index.Writer.Dispose();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Closing dictionary index {Folder} failed", index.Name);
        }
        finally
        {
            index.Directory.Dispose();
        }
        if (deleteFolder) DeleteFolder(index.Name);
    }

    private void DeleteFolder(string name)
    {
        var path = Path.Combine(_root, name);
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere (Windows): deleted as a leftover at the next start.
            _logger.LogWarning(e, "Could not delete old dictionary index {Folder}", path);
        }
    }

    private void DeleteLeftovers(string except)
    {
        foreach (var path in System.IO.Directory.EnumerateDirectories(_root, IndexFolderPrefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (name != except) DeleteFolder(name);
        }
    }

    private string NewFolderName()
    {
        var ticks = DateTime.UtcNow.Ticks;
        while (System.IO.Directory.Exists(Path.Combine(_root, IndexFolderPrefix + ticks))) ticks++;
        return IndexFolderPrefix + ticks;
    }

    private string? ReadPointer()
    {
        var pointer = Path.Combine(_root, PointerFileName);
        if (!File.Exists(pointer)) return null;
        var name = File.ReadAllText(pointer).Trim();
        var valid = name.StartsWith(IndexFolderPrefix, StringComparison.Ordinal) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
            && System.IO.Directory.Exists(Path.Combine(_root, name));
        if (!valid) _logger.LogWarning("The dictionary pointer names no index ({Name}); starting an empty index", name);
        return valid ? name : null;
    }

    // A rename replaces the pointer atomically: a crash leaves either the old or the new name, never half of one.
    private void WritePointer(string name)
    {
        var pointer = Path.Combine(_root, PointerFileName);
        var temp = pointer + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(name);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, pointer, overwrite: true);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _writeLock.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            await RetireAsync(_live, deleteFolder: false);
            _analyzer.Dispose();
            _partsAnalyzer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>One open index folder: its writer and the searchers over it (near-real-time).</summary>
    private sealed class LiveIndex(string name, FSDirectory directory, IndexWriter writer, SearcherManager searchers)
    {
        private int _inFlight;
        private int _retired;

        public string Name { get; } = name;
        public FSDirectory Directory { get; } = directory;
        public IndexWriter Writer { get; } = writer;
        public SearcherManager Searchers { get; } = searchers;

        /// <summary>Searches running on this index.</summary>
        public int InFlight => Volatile.Read(ref _inFlight);

        /// <summary>Counts a search in, unless the index has been retired (then the caller takes the new live index).</summary>
        public bool TryEnter()
        {
            Interlocked.Increment(ref _inFlight);
            if (Volatile.Read(ref _retired) == 0) return true;
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        public void Exit() => Interlocked.Decrement(ref _inFlight);

        public void Retire() => Interlocked.Exchange(ref _retired, 1);
    }
}

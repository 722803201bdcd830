using System.Runtime.CompilerServices;
using MeshPortal.Web.Search;

namespace MeshPortal.Web.Tests.Search.Indexing;

/// <summary>Where an injected failure strikes a write.</summary>
public enum WriteFault
{
    None,
    /// <summary>The index refuses the write: nothing reaches it.</summary>
    BeforeWrite,
    /// <summary>The write reaches the index, then the process "crashes" before the caller learns it succeeded.</summary>
    AfterWrite,
}

/// <summary>
/// A fault injector over a real index (Lucene in the tests): every call goes through to it, except that a write
/// can be made to fail, and a rebuild can be held at a chosen document so a test can save changes while it runs.
/// </summary>
public sealed class FaultInjectingDictionaryIndex(IDictionaryIndex inner) : IDictionaryIndex, IAsyncDisposable
{
    public const string FaultMessage = "Injected fault: the dictionary is unreachable.";

    public WriteFault Fault { get; set; }

    /// <summary>A source whose writes always fail (a "poisoned" entity), whatever else the write carries.</summary>
    public string? FailingSource { get; set; }

    /// <summary>
    /// Makes writes that arrive while a rebuild runs miss the new index, as on Elasticsearch, where they go through
    /// the alias to the index the rebuild replaces (Lucene keeps them for the new index itself).
    /// </summary>
    public bool WritesDuringRebuildReachOnlyTheOldIndex { get; set; }

    private volatile bool _rebuilding;

    private RebuildHold? _hold;

    /// <summary>Holds the next rebuild's stream just before the first document <paramref name="at"/> accepts.</summary>
    public RebuildHold HoldNextRebuild(Func<DictionaryDocument, bool> at) => _hold = new RebuildHold(at);

    public async Task ReplaceSourcesAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct = default)
    {
        if (Fault == WriteFault.BeforeWrite || (FailingSource is not null && sources.Contains(FailingSource))) throw new IOException(FaultMessage);
        if (_rebuilding && WritesDuringRebuildReachOnlyTheOldIndex) return;
        await inner.ReplaceSourcesAsync(sources, documents, ct);
        if (Fault == WriteFault.AfterWrite) throw new IOException(FaultMessage);
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default) => inner.SearchAsync(request, ct);

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int limit = 8, CancellationToken ct = default) => inner.SuggestAsync(prefix, limit, ct);

    public async Task<long> RebuildAsync(IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var hold = Interlocked.Exchange(ref _hold, null);
        _rebuilding = true;
        try
        {
            return await inner.RebuildAsync(hold is null ? documents : Held(documents, hold, ct), progress, ct);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);

    private static async IAsyncEnumerable<DictionaryDocument> Held(IAsyncEnumerable<DictionaryDocument> documents, RebuildHold hold, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var document in documents.WithCancellation(ct))
        {
            if (!hold.Reached.Task.IsCompleted && hold.At(document))
            {
                hold.Reached.TrySetResult();
                await hold.Released.Task.WaitAsync(ct);
            }
            yield return document;
        }
    }

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }
}

/// <summary>A rebuild held part-way: <see cref="Reached"/> completes when it stops, <see cref="Release"/> lets it go on.</summary>
public sealed class RebuildHold(Func<DictionaryDocument, bool> at)
{
    public Func<DictionaryDocument, bool> At { get; } = at;
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Released.TrySetResult();
}

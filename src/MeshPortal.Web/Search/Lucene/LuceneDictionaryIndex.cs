using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// The embedded dictionary: a Lucene.NET index under a root folder (the app passes &lt;data folder&gt;/dictionary).
/// One instance per process (register it as a singleton): it owns the index writer, and is safe for concurrent
/// searches and writes. The behaviour it shares with the Elasticsearch backend is specified (and tested) by
/// the conformance suite, <c>DictionaryConformanceTests</c>.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;root&gt;/current</c> names the live index folder, <c>&lt;root&gt;/index-&lt;ticks&gt;</c>.
/// A rebuild writes a new folder, then switches the pointer (temp file + rename) and the searcher, and deletes
/// the old folder; folders the pointer does not name are leftovers of an interrupted rebuild, deleted at start.
/// </remarks>
public sealed partial class LuceneDictionaryIndex : IDictionaryIndex, IDisposable, IAsyncDisposable
{
    /// <summary>Results past this many are not paged (as Elasticsearch's max_result_window): such pages are empty.</summary>
    public const int MaxResultWindow = 10_000;

    private const string PointerFileName = "current";
    private const string IndexFolderPrefix = "index-";
    private const int ProgressEvery = 1000;
    private const int FragmentSize = 120;
    private const int MaxHighlights = 3;

    private static readonly Sort RelevanceOrder = new(SortField.FIELD_SCORE, new SortField(DictionaryFields.TitleKey, SortFieldType.STRING));
    private static readonly Sort BrowseOrder = new(new SortField(DictionaryFields.TypeRank, SortFieldType.INT64), new SortField(DictionaryFields.TitleKey, SortFieldType.STRING));

    private readonly string _root;
    private readonly ILogger _logger;
    private readonly IdentifierAnalyzer _analyzer = new(preserveOriginal: true, DictionaryFields.ShortestPrefixes);
    private readonly IdentifierAnalyzer _partsAnalyzer = new(preserveOriginal: false);
    private readonly DictionaryQueryBuilder _queries;

    // Writes (ReplaceSources, the rebuild's final swap, Dispose) hold _writeLock; one rebuild runs at a time.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private readonly DocumentBuilder _writeBuilder = new();

    private volatile LiveIndex _live;
    // Sources replaced while a rebuild runs, with their latest documents (guarded by _writeLock); see RebuildAsync.
    private Dictionary<string, List<DictionaryDocument>>? _changedDuringRebuild;
    private volatile BrowseCache? _browseCache;
    private volatile bool _disposed;

    public LuceneDictionaryIndex(string rootFolder, ILogger<LuceneDictionaryIndex>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.GetFullPath(rootFolder);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _queries = new DictionaryQueryBuilder(_analyzer, _partsAnalyzer);
        System.IO.Directory.CreateDirectory(_root);

        var name = ReadPointer();
        LiveIndex? live = null;
        if (name is not null)
        {
            try
            {
                live = OpenLive(name, OpenMode.CREATE_OR_APPEND);
            }
            catch (IndexFormatException e)
            {
                // Written by another version of this code: start empty; the next rebuild fills the dictionary.
                _logger.LogWarning("{Reason} Starting an empty dictionary: rebuild it.", e.Message);
            }
        }
        if (live is null)
        {
            name = NewFolderName();
            live = OpenLive(name, OpenMode.CREATE);
            WritePointer(name);
        }
        _live = live;
        DeleteLeftovers(except: name!);
    }

    /// <summary>The folder of the live index (for operations and tests).</summary>
    public string LiveFolder => Path.Combine(_root, _live.Name);

    public Task ReplaceSourcesAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(documents);
        return ReplaceCoreAsync(sources, documents, ct);
    }

    private async Task ReplaceCoreAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct)
    {
        foreach (var d in documents) Validate(d);
        // The last document with an id wins; a document's own source is replaced too, so a replay is idempotent.
        var unique = documents.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var allSources = new HashSet<string>(sources, StringComparer.Ordinal);
        foreach (var d in unique) allSources.Add(d.Source);

        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var live = _live;
            try
            {
                Apply(live.Writer, allSources, unique, _writeBuilder);
                live.Writer.Commit();
            }
            catch (Exception e) when (e is not ObjectDisposedException)
            {
                // Uncommitted deletes must not ride along with the next commit: go back to the last commit.
                await ReopenAfterFailureAsync(live, e);
                throw;
            }
            live.Searchers.MaybeRefreshBlocking();
            if (_changedDuringRebuild is { } changed)
            {
                foreach (var source in allSources)
                {
                    changed[source] = unique.Where(d => d.Source == source).ToList();
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Validate(DictionaryDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        string? missing = d.Id is null ? nameof(d.Id) : d.Type is null ? nameof(d.Type) : d.Source is null ? nameof(d.Source)
            : d.Title is null ? nameof(d.Title) : d.Url is null ? nameof(d.Url) : d.Tags is null ? nameof(d.Tags) : null;
        if (missing is not null) throw new ArgumentException($"Dictionary document '{d.Id}' has no {missing}.", nameof(d));
        StoredEntry.CheckSize(d);
    }

    /// <summary>Drops a writer's uncommitted changes after a failed write and opens the index again at its last commit.</summary>
    private async Task ReopenAfterFailureAsync(LiveIndex failed, Exception cause)
    {
        _logger.LogError(cause, "A dictionary write failed; reopening the index at its last commit");
        try
        {
            failed.Writer.Rollback();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Rolling back the dictionary writer failed");
        }
        _live = OpenLive(failed.Name, OpenMode.CREATE_OR_APPEND);
        await RetireAsync(failed, deleteFolder: false);
    }

    private static void Apply(IndexWriter writer, IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, DocumentBuilder builder)
    {
        var deletes = new List<Term>(sources.Count + documents.Count);
        foreach (var source in sources) deletes.Add(new Term(DictionaryFields.Source, source));
        foreach (var d in documents) deletes.Add(new Term(DictionaryFields.Id, d.Id));
        if (deletes.Count > 0) writer.DeleteDocuments(deletes.ToArray());
        foreach (var d in documents) writer.AddDocument(builder.Build(d));
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher => Search(searcher, request)));
    }

    private SearchResult Search(IndexSearcher searcher, SearchRequest request)
    {
        var built = _queries.Build(request.Text, DictionaryFields.Searched, DictionaryFields.Prefixed);
        if (built.Query is null && !built.MatchAll) return new SearchResult(0, [], EmptyFacets(), built.Notice);

        var pageSize = Math.Clamp(request.PageSize, 1, SearchRequest.MaxPageSize);
        var start = (long)(Math.Max(request.Page, 1) - 1) * pageSize;
        var filters = request.Filters().ToList();

        // Browsing everything (the home page's query) is answered from a cache until the index changes.
        var browsing = built.MatchAll && filters.Count == 0;
        var cache = _browseCache;
        if (browsing && cache is not null && ReferenceEquals(cache.Searcher, searcher)
            && cache.Pages.TryGetValue((start, pageSize), out var cachedHits))
        {
            return new SearchResult(cache.Total, cachedHits, cache.Facets, built.Notice);
        }

        Query query = built.Query ?? new MatchAllDocsQuery();
        if (filters.Count > 0)
        {
            var filter = new BooleanQuery();
            foreach (var (facet, value) in filters) filter.Add(new TermQuery(new Term(facet, value)), Occur.MUST);
            query = new FilteredQuery(query, new QueryWrapperFilter(filter));
        }

        TopFieldCollector? top = null;
        if (start + pageSize <= MaxResultWindow)
        {
            var wanted = (int)Math.Min(start + pageSize, Math.Max(searcher.IndexReader.MaxDoc, 1));
            top = TopFieldCollector.Create(built.Query is null ? BrowseOrder : RelevanceOrder, wanted,
                fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        }

        var counting = new FacetCountingCollector();
        searcher.Search(query, top is null ? counting : MultiCollector.Wrap(counting, top));
        var total = counting.Total;
        var facets = counting.Facets();

        var hits = new List<SearchHit>();
        if (top is not null && start < total)
        {
            var highlighter = built.Terms.IsEmpty ? null : NewHighlighter(built.Terms);
            foreach (var scoreDoc in top.GetTopDocs((int)start, pageSize).ScoreDocs)
            {
                var entry = Load(searcher, scoreDoc.Doc);
                hits.Add(new SearchHit(entry.Type, entry.Id, entry.Title, entry.Domain, entry.Quantum, entry.Path, entry.Url,
                    highlighter is null ? [] : Highlight(highlighter, entry), float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score,
                    entry.ContractId, entry.ContractVersion, entry.LogicalType, entry.PhysicalType, entry.Tier, entry.Status,
                    entry.Classification));
            }
        }

        if (browsing)
        {
            if (cache is null || !ReferenceEquals(cache.Searcher, searcher)) _browseCache = cache = new BrowseCache(searcher, total, facets);
            if (cache.Pages.Count < 100) cache.Pages.TryAdd((start, pageSize), hits);
        }
        return new SearchResult(total, hits, facets, built.Notice);
    }

    private static Highlighter NewHighlighter(HighlightTerms terms) =>
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), terms.NewScorer())
        {
            TextFragmenter = new SimpleFragmenter(FragmentSize),
        };

    private List<string> Highlight(Highlighter highlighter, StoredEntry entry)
    {
        var fragments = new List<string>(MaxHighlights);
        AddFragments(DictionaryFields.Title, entry.Title);
        if (!string.Equals(entry.Path, entry.Title, StringComparison.OrdinalIgnoreCase)) AddFragments(DictionaryFields.Path, entry.Path);
        AddFragments(DictionaryFields.Description, entry.Description);
        return fragments;

        void AddFragments(string field, string? text)
        {
            if (string.IsNullOrEmpty(text) || fragments.Count >= MaxHighlights) return;
            try
            {
                fragments.AddRange(highlighter.GetBestFragments(_partsAnalyzer.GetTokenStream(field, text), text, MaxHighlights - fragments.Count));
            }
            catch (InvalidTokenOffsetsException e)
            {
                _logger.LogDebug(e, "Could not highlight {Field}", field);
            }
        }
    }

    private static StoredEntry Load(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var values = leaf.AtomicReader.GetBinaryDocValues(DictionaryFields.Stored)
            ?? throw new InvalidOperationException("The dictionary index has no stored entries: rebuild it.");
        var bytes = new BytesRef();
        values.Get(doc - leaf.DocBase, bytes);
        return StoredEntry.Decode(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> EmptyFacets() =>
        SearchRequest.Facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal);

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int limit = 8, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        prefix = (prefix ?? "").Trim();
        if (prefix.Length == 0 || limit <= 0) return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        return Task.FromResult(WithSearcher(searcher => Suggest(searcher, prefix, Math.Min(limit, SearchRequest.MaxPageSize))));
    }

    private IReadOnlyList<Suggestion> Suggest(IndexSearcher searcher, string prefix, int limit)
    {
        // Candidates: every word of the prefix in the title, the last one as a word prefix (typeahead).
        var words = _queries.Build(prefix, [new SearchedField(DictionaryFields.Title, 1f, MatchesParts: true)], [DictionaryFields.Prefixed[0]], shortestPrefix: 1).Query;
        if (words is null) return [];
        var collector = new SuggestionCollector(DictionaryFields.TitleKeyOf(prefix), limit);
        searcher.Search(words, collector);

        return collector.Best().Select(doc => Load(searcher, doc)).Select(e => new Suggestion(e.Title, e.Type, e.Url, ContextOf(e))).ToList();
    }

    private static string? ContextOf(StoredEntry e) => e.Type switch
    {
        DictionaryTypes.Column or DictionaryTypes.Object => string.Join(" · ", new[] { e.Quantum, e.Path }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } c ? c : null,
        DictionaryTypes.Domain => null,
        _ => e.Quantum ?? e.Domain,
    };

    public Task<long> CountAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher => (long)searcher.IndexReader.NumDocs));
    }

    /// <summary>
    /// Runs <paramref name="search"/> on the live searcher. A search that started on an index being swapped out
    /// finishes on it: the swap waits for it (see <see cref="LiveIndex.InFlight"/>) before closing that index.
    /// </summary>
    private T WithSearcher<T>(Func<IndexSearcher, T> search)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var live = _live;
            if (!live.TryEnter()) continue;
            try
            {
                var searcher = live.Searchers.Acquire();
                try
                {
                    return search(searcher);
                }
                finally
                {
                    live.Searchers.Release(searcher);
                }
            }
            finally
            {
                live.Exit();
            }
        }
    }

    private sealed record BrowseCache(IndexSearcher Searcher, long Total, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
    {
        public ConcurrentDictionary<(long Start, int Size), IReadOnlyList<SearchHit>> Pages { get; } = new();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public static readonly Bm25SearcherFactory Instance = new();

        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            SegmentFacets.Warm(reader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }
}

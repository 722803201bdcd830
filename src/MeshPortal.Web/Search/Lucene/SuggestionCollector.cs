using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// Keeps the best suggestions among the entries whose title has a word starting with the prefix, one per title
/// and type: first the titles equal to it, then those starting with it, then the rest; within a tier by type
/// (domains first) and title. The tier comes from the sorted title doc values: the titles starting with the prefix are one range of
/// ordinals, found with two binary searches per segment, so no per-title term expansion is needed.
/// </summary>
internal sealed class SuggestionCollector(string titleKey, int size) : ICollector
{
    private readonly BytesRef _key = new(titleKey);
    private readonly BytesRef _scratch = new();
    private readonly List<Candidate> _candidates = [];
    // The segment's best so far, worst on top (so it is the one replaced).
    private readonly PriorityQueue<int, (int Tier, long Rank, int Ord)> _segmentBest = new(Comparer<(int, long, int)>.Create((a, b) => b.CompareTo(a)));
    private readonly HashSet<(int Tier, long Rank, int Ord)> _inSegmentBest = [];

    private SortedDocValues? _titles;
    private NumericDocValues? _types;
    private int _docBase, _exactOrd, _firstOrd, _endOrd;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _docBase = context.DocBase;
        _titles = context.AtomicReader.GetSortedDocValues(DictionaryFields.TitleKey);
        _types = context.AtomicReader.GetNumericDocValues(DictionaryFields.TypeRank);
        if (_titles is null) return;

        var found = _titles.LookupTerm(_key);
        _exactOrd = found >= 0 ? found : -1;
        _firstOrd = found >= 0 ? found : -found - 1;
        // First ordinal past the titles that start with the key.
        int low = _firstOrd, high = _titles.ValueCount;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            _titles.LookupOrd(middle, _scratch);
            if (StringHelper.StartsWith(_scratch, _key)) low = middle + 1;
            else high = middle;
        }
        _endOrd = low;
    }

    public void Collect(int doc)
    {
        if (_titles is null) return;
        var ord = _titles.GetOrd(doc);
        var tier = ord == _exactOrd ? 0 : ord >= _firstOrd && ord < _endOrd ? 1 : 2;
        var key = (tier, _types?.Get(doc) ?? 0, ord);
        // A title of a type counts once: a column name found in a hundred contracts is one suggestion.
        if (_inSegmentBest.Contains(key)) return;
        if (_segmentBest.Count < size)
        {
            _segmentBest.Enqueue(doc, key);
            _inSegmentBest.Add(key);
        }
        else if (_segmentBest.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
        {
            _segmentBest.DequeueEnqueue(doc, key);
            _inSegmentBest.Remove(worst);
            _inSegmentBest.Add(key);
        }
    }

    /// <summary>The documents (index-wide ids) of the best suggestions, best first, one per title and type.</summary>
    public List<int> Best()
    {
        FlushSegment();
        return _candidates.OrderBy(c => c.Tier).ThenBy(c => c.Rank).ThenBy(c => c.Title, StringComparer.Ordinal)
            .DistinctBy(c => (c.Rank, c.Title)).Take(size).Select(c => c.Doc).ToList();
    }

    private void FlushSegment()
    {
        while (_segmentBest.TryDequeue(out var doc, out var key))
        {
            _titles!.LookupOrd(key.Ord, _scratch);
            _candidates.Add(new Candidate(key.Tier, key.Rank, _scratch.Utf8ToString(), _docBase + doc));
        }
        _inSegmentBest.Clear();
    }

    private sealed record Candidate(int Tier, long Rank, string Title, int Doc);
}

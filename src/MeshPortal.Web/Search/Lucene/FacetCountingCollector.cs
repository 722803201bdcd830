using Lucene.Net.Index;
using Lucene.Net.Search;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// Counts every matching document and, per facet, its values: per segment, an int array indexed by ordinal
/// (from <see cref="SegmentFacets"/>), turned into values only for the ordinals seen when the segment ends.
/// No allocation per hit.
/// </summary>
internal sealed class FacetCountingCollector : ICollector
{
    public const int TopValues = 20;

    private readonly int _fieldCount = DictionaryFields.SingleValuedFacets.Length;
    private readonly Dictionary<string, long>[] _totals;
    private readonly Dictionary<string, long> _tagTotals = new(StringComparer.Ordinal);

    private SegmentFacets? _segment;
    private readonly int[][] _counts;
    private int[] _tagCounts = [];

    public FacetCountingCollector()
    {
        _totals = new Dictionary<string, long>[_fieldCount];
        _counts = new int[_fieldCount][];
        for (var f = 0; f < _fieldCount; f++)
        {
            _totals[f] = new Dictionary<string, long>(StringComparer.Ordinal);
            _counts[f] = [];
        }
    }

    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var segment = SegmentFacets.For(context.AtomicReader);
        for (var f = 0; f < _fieldCount; f++) _counts[f] = Reset(_counts[f], segment.Values[f].Length);
        _tagCounts = Reset(_tagCounts, segment.TagValues.Length);
        _segment = segment;
    }

    public void Collect(int doc)
    {
        Total++;
        var segment = _segment!;
        var ordinals = segment.Ordinals;
        for (var f = 0; f < ordinals.Length; f++)
        {
            var ord = ordinals[f][doc];
            if (ord >= 0) _counts[f][ord]++;
        }
        var starts = segment.TagStarts;
        for (var i = starts[doc]; i < starts[doc + 1]; i++) _tagCounts[segment.TagOrdinals[i]]++;
    }

    /// <summary>Top values of every facet (count desc, then value asc); call once, after the search.</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Facets()
    {
        FlushSegment();
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (var f = 0; f < _fieldCount; f++) facets[DictionaryFields.SingleValuedFacets[f]] = Top(_totals[f]);
        facets[DictionaryFields.Tag] = Top(_tagTotals);
        return facets;
    }

    private void FlushSegment()
    {
        if (_segment is null) return;
        for (var f = 0; f < _fieldCount; f++) Flush(_counts[f], _segment.Values[f], _totals[f]);
        Flush(_tagCounts, _segment.TagValues, _tagTotals);
        _segment = null;
    }

    private static void Flush(int[] counts, string[] values, Dictionary<string, long> totals)
    {
        for (var ord = 0; ord < values.Length; ord++)
        {
            if (counts[ord] == 0) continue;
            totals[values[ord]] = totals.GetValueOrDefault(values[ord]) + counts[ord];
        }
    }

    private static int[] Reset(int[] counts, int size)
    {
        if (counts.Length < size) return new int[size];
        Array.Clear(counts, 0, size);
        return counts;
    }

    private static IReadOnlyList<FacetValue> Top(Dictionary<string, long> totals) =>
        totals.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(TopValues).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList();
}

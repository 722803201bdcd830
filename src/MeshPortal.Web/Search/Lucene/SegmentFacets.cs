using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// The facet values of one index segment, read once from its doc values into plain arrays: counting a hit is
/// then an array read per facet instead of a doc-values call. Segments never change (deletes aside, which the
/// search skips), so the arrays live as long as the segment's core, warmed when a searcher opens
/// (<see cref="Warm"/>); about 24 bytes per entry.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        var fields = DictionaryFields.SingleValuedFacets;
        Ordinals = new int[fields.Length][];
        Values = new string[fields.Length][];
        var scratch = new BytesRef();
        for (var f = 0; f < fields.Length; f++)
        {
            var docValues = reader.GetSortedDocValues(fields[f]);
            var ords = new int[maxDoc];
            if (docValues is null)
            {
                Array.Fill(ords, -1);
                Values[f] = [];
            }
            else
            {
                for (var doc = 0; doc < maxDoc; doc++) ords[doc] = docValues.GetOrd(doc);
                Values[f] = new string[docValues.ValueCount];
                for (var ord = 0; ord < docValues.ValueCount; ord++)
                {
                    docValues.LookupOrd(ord, scratch);
                    Values[f][ord] = scratch.Utf8ToString();
                }
            }
            Ordinals[f] = ords;
        }

        // Tags: doc d's tag ordinals are TagOrdinals[TagStarts[d] .. TagStarts[d + 1]).
        TagStarts = new int[maxDoc + 1];
        var tags = reader.GetSortedSetDocValues(DictionaryFields.Tag);
        if (tags is null)
        {
            TagOrdinals = [];
            TagValues = [];
            return;
        }
        var ordinals = new List<int>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            TagStarts[doc] = ordinals.Count;
            tags.SetDocument(doc);
            long ord;
            while ((ord = tags.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) ordinals.Add((int)ord);
        }
        TagStarts[maxDoc] = ordinals.Count;
        TagOrdinals = ordinals.ToArray();
        TagValues = new string[tags.ValueCount];
        for (var ord = 0; ord < tags.ValueCount; ord++)
        {
            tags.LookupOrd(ord, scratch);
            TagValues[ord] = scratch.Utf8ToString();
        }
    }

    /// <summary>Per single-valued facet (<see cref="DictionaryFields.SingleValuedFacets"/>): the ordinal of each document, -1 for none.</summary>
    public int[][] Ordinals { get; }
    /// <summary>Per single-valued facet: the value of each ordinal.</summary>
    public string[][] Values { get; }
    public int[] TagStarts { get; }
    public int[] TagOrdinals { get; }
    public string[] TagValues { get; }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));

    /// <summary>Loads every segment's facets, so the first search after a refresh does not pay for it.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) For(leaf.AtomicReader);
    }
}

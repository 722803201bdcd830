namespace MeshPortal.Web.Search;

/// <summary>
/// The quantum dictionary's search engine. Two real implementations: Lucene.NET in the data folder
/// (embedded default) and Elasticsearch (production); the same conformance suite runs on both.
/// Ranking rules both follow: title matches weigh more than descriptions; "customer" finds customer_id and
/// customerId; the last word of a query also matches as a prefix (typeahead); filters and facets use exact keywords.
/// </summary>
public interface IDictionaryIndex
{
    /// <summary>Replaces every entry of each source named with the given documents (none = the source is gone).</summary>
    Task ReplaceSourcesAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct = default);

    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default);

    /// <summary>Typeahead: titles starting with (or containing a word starting with) the prefix.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int limit = 8, CancellationToken ct = default);

    /// <summary>
    /// Builds a fresh index from all documents and swaps it in atomically; searches keep answering from the old
    /// index until the swap. Reports the number of documents written so far.
    /// </summary>
    Task<long> RebuildAsync(IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress = null, CancellationToken ct = default);

    /// <summary>Entries in the live index.</summary>
    Task<long> CountAsync(CancellationToken ct = default);
}

using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// The dictionary on an Elasticsearch cluster. Searches and writes go through <see cref="ElasticsearchOptions.Alias"/>;
/// the indexes behind it are named "&lt;alias&gt;-&lt;timestamp&gt;" and created with explicit, strict mappings
/// (<see cref="DictionaryIndexDefinition"/>). A full rebuild fills a fresh index and swaps the alias in one atomic call.
/// Cluster errors surface as <see cref="ElasticsearchDictionaryException"/> (or <see cref="SearchQueryException"/> for a
/// search the cluster refuses as bad input); before the first write there is no index, and reads answer empty.
/// </summary>
public sealed partial class ElasticsearchDictionaryIndex : IDictionaryIndex
{
    public const int MaxHighlights = 3;

    private readonly ElasticsearchClient _client;
    private readonly string _alias;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public ElasticsearchDictionaryIndex(ElasticsearchOptions options, ILogger<ElasticsearchDictionaryIndex>? logger = null)
        : this(ElasticsearchClientFactory.Create(options), options.Alias, logger)
    {
    }

    /// <param name="client">A configured client (tests pass one with an in-memory or fake HTTP transport).</param>
    /// <param name="alias">The alias searches go through.</param>
    public ElasticsearchDictionaryIndex(ElasticsearchClient client, string alias = "meshportal-dictionary",
        ILogger<ElasticsearchDictionaryIndex>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        _client = client;
        _alias = alias;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    public string Alias => _alias;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = DictionaryQueryText.Parse(request.Text);
        var search = DictionarySearchRequests.Search(_alias, request, text, out var beyondWindow);
        var response = await SendAsync(() => _client.SearchAsync<ElasticsearchDocument>(search, ct), "the search", ct, acceptMissingIndex: true, badInputIsQueryError: true);
        var facets = SearchRequest.Facets.ToDictionary(f => f, f => Facet(response, f), StringComparer.Ordinal);
        if (IsMissingIndex(response)) return new SearchResult(0, [], facets, text.Notice);

        var notices = new List<string>();
        if (text.Notice is not null) notices.Add(text.Notice);
        if (beyondWindow && response.Total > DictionarySearchRequests.MaxResultWindow)
            notices.Add($"Only the first {DictionarySearchRequests.MaxResultWindow:N0} results can be paged through; narrow the search with filters to see the others.");
        var hits = beyondWindow ? [] : response.Hits.Where(h => h.Source is not null).Select(ToHit).ToList();
        return new SearchResult(response.Total, hits, facets, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int limit = 8, CancellationToken ct = default)
    {
        var text = DictionaryQueryText.Parse(prefix?.Replace('"', ' '));
        if (!text.IsSearchable || limit <= 0) return [];
        var search = DictionarySearchRequests.Suggest(_alias, string.Join(' ', text.Words), limit);
        var response = await SendAsync(() => _client.SearchAsync<ElasticsearchDocument>(search, ct), "the suggestions", ct, acceptMissingIndex: true);
        if (IsMissingIndex(response)) return [];
        var seen = new HashSet<(string, string)>();
        return response.Hits
            .Select(h => h.Source)
            .OfType<ElasticsearchDocument>()
            .Where(d => seen.Add((d.Title.ToLowerInvariant(), d.Type)))
            .Take(limit)
            .Select(d => new Suggestion(d.Title, d.Type, d.Url, SuggestionContext(d)))
            .ToList();
    }

    /// <summary>What a suggestion shows beside its title (as on Lucene): where a column or object sits; the quantum or domain of the rest.</summary>
    private static string? SuggestionContext(ElasticsearchDocument d) => d.Type switch
    {
        DictionaryTypes.Column or DictionaryTypes.Object => string.Join(" · ", new[] { d.Quantum, d.Path }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } c ? c : null,
        DictionaryTypes.Domain => null,
        _ => d.Quantum ?? d.Domain,
    };

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var response = await SendAsync(() => _client.CountAsync(new CountRequest(_alias), ct), "counting the dictionary", ct, acceptMissingIndex: true);
        return IsMissingIndex(response) ? 0 : response.Count;
    }

    private static SearchHit ToHit(Hit<ElasticsearchDocument> hit)
    {
        var d = hit.Source!;
        return new SearchHit(d.Type, d.Id, d.Title, d.Domain, d.Quantum, d.Path, d.Url, Highlights(hit.Highlight, d), hit.Score ?? 0,
            d.ContractId, d.ContractVersion, d.LogicalType, d.PhysicalType, d.Tier, d.Status, d.Classification);
    }

    /// <summary>
    /// Up to <see cref="MaxHighlights"/> fragments: title (whole-word match, else prefix match), path (unless it is the
    /// title), description. The cluster HTML-encodes them around &lt;mark&gt; tags; they are re-encoded here with the same
    /// rules as the Lucene backend (the cluster's encoder also writes ' and / as entities).
    /// </summary>
    private static IReadOnlyList<string> Highlights(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? highlight, ElasticsearchDocument d)
    {
        if (highlight is null || highlight.Count == 0) return [];
        IEnumerable<string> Of(string field) => highlight.TryGetValue(field, out var fragments) ? fragments : [];
        var title = Of(IndexFields.Title).Any() ? Of(IndexFields.Title) : Of(IndexFields.TitlePrefix);
        var path = string.Equals(d.Path, d.Title, StringComparison.OrdinalIgnoreCase) ? [] : Of(IndexFields.Path);
        return title.Concat(path).Concat(Of(IndexFields.Description))
            .Select(HighlightMarkup.Normalize)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxHighlights)
            .ToList();
    }

    private static IReadOnlyList<FacetValue> Facet(SearchResponse<ElasticsearchDocument> response, string facet)
    {
        if (response.Aggregations is null || !response.Aggregations.TryGetAggregate<StringTermsAggregate>(facet, out var terms) || terms is null)
            return [];
        return terms.Buckets.Select(b => new FacetValue(b.Key.TryGetString(out var key) ? key! : b.Key.ToString(), b.DocCount)).ToList();
    }

    private static bool IsMissingIndex(ElasticsearchResponse response) =>
        response.ApiCallDetails?.HttpStatusCode == 404
        && response.ElasticsearchServerError?.Error?.Type is null or "index_not_found_exception";

    /// <summary>
    /// Sends one request; a refusal or a transport failure becomes an <see cref="ElasticsearchDictionaryException"/>
    /// with the cluster's reason, a search refused as bad input (HTTP 400) a <see cref="SearchQueryException"/>.
    /// </summary>
    private static async Task<TResponse> SendAsync<TResponse>(Func<Task<TResponse>> send, string operation, CancellationToken ct,
        bool acceptMissingIndex = false, bool badInputIsQueryError = false, bool acceptItemErrors = false)
        where TResponse : ElasticsearchResponse
    {
        TResponse response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is TransportException or HttpRequestException or IOException or TimeoutException or TaskCanceledException)
        {
            throw ElasticsearchDictionaryException.Unreachable(e, operation);
        }
        ct.ThrowIfCancellationRequested();
        if (response.IsValidResponse || acceptMissingIndex && IsMissingIndex(response)) return response;
        // Bulk answers 200 with per-item errors: the caller reports those itself.
        if (acceptItemErrors && response.ApiCallDetails?.HasSuccessfulStatusCode == true) return response;
        if (badInputIsQueryError && response.ApiCallDetails?.HttpStatusCode == 400 && response.ElasticsearchServerError?.Error is { } error)
            throw new SearchQueryException($"The search could not be run: {ElasticsearchDictionaryException.Describe(error)}");
        throw ElasticsearchDictionaryException.From(response, operation);
    }
}

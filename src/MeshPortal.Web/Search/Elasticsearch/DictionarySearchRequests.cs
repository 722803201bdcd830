using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using EsField = Elastic.Clients.Elasticsearch.Field;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>The query DSL of dictionary searches and suggestions (apart from the code that sends them).</summary>
internal static class DictionarySearchRequests
{
    /// <summary>Elasticsearch's default index.max_result_window: from + size beyond it is refused by the cluster.</summary>
    public const int MaxResultWindow = 10_000;
    public const int FacetSize = 20;
    public const string MarkOpen = "<mark>";
    public const string MarkClose = "</mark>";

    /// <summary>Text fields a query searches; names weigh more than descriptions (same weights as the Lucene backend).</summary>
    private static readonly string[] SearchedFields = [$"{IndexFields.Title}^4", $"{IndexFields.Path}^2", $"{IndexFields.TagsText}^1.5", IndexFields.Description, IndexFields.Context];
    /// <summary>Fields where the last word also matches as a prefix (typeahead).</summary>
    private static readonly string[] PrefixFields = [$"{IndexFields.TitlePrefix}^2", IndexFields.PathPrefix];
    public static readonly string[] HighlightedFields = [IndexFields.Title, IndexFields.TitlePrefix, IndexFields.Path, IndexFields.Description];

    /// <summary>
    /// Builds the search. When the page lies past <see cref="MaxResultWindow"/>, asks for no hits (the total and the
    /// facets are still counted) and reports <paramref name="beyondWindow"/>.
    /// </summary>
    public static EsSearchRequest Search(string alias, SearchRequest request, DictionaryQueryText text, out bool beyondWindow)
    {
        var size = Math.Clamp(request.PageSize, 1, SearchRequest.MaxPageSize);
        var from = (long)(Math.Max(request.Page, 1) - 1) * size;
        beyondWindow = from + size > MaxResultWindow;

        return new EsSearchRequest(alias)
        {
            Query = new BoolQuery
            {
                Must = text.IsEmpty ? [new MatchAllQuery()] : text.IsSearchable ? TextQueries(text) : [new MatchNoneQuery()],
                Filter = request.Filters().Select(f => (Query)new TermQuery(new EsField(IndexFields.FacetField(f.Facet)), f.Value)).ToList(),
            },
            From = beyondWindow ? 0 : (int)from,
            Size = beyondWindow ? 0 : size,
            TrackTotalHits = true,
            Sort = text.IsEmpty
                ? [Ascending(IndexFields.TypeRank), Ascending(IndexFields.TitleKeyword), Ascending(IndexFields.Id)]
                : [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, Ascending(IndexFields.TitleKeyword), Ascending(IndexFields.Id)],
            Aggregations = SearchRequest.Facets.ToDictionary(f => f, f => (Aggregation)new TermsAggregation
            {
                Field = new EsField(IndexFields.FacetField(f)),
                Size = FacetSize,
                Order = [new(new EsField("_count"), SortOrder.Desc), new(new EsField("_key"), SortOrder.Asc)],
            }),
            Highlight = !text.IsSearchable || beyondWindow ? null : new Highlight
            {
                Fields = HighlightedFields.Select(f => new KeyValuePair<EsField, HighlightField>(new EsField(f), new HighlightField())).ToList(),
                PreTags = [MarkOpen],
                PostTags = [MarkClose],
                Encoder = HighlighterEncoder.Html,
                NumberOfFragments = 3,
            },
        };
    }

    /// <summary>
    /// Every plain word must match somewhere (cross_fields, operator and); the last word, when the text ends with it, may
    /// instead match as a prefix of a title or path word, so "cust" already finds customer_id while typing. Each phrase
    /// must match as a phrase of identifier parts ("customer id" matches customer_id).
    /// </summary>
    private static List<Query> TextQueries(DictionaryQueryText text)
    {
        var must = new List<Query>();
        if (text.Words.Count > 0)
        {
            Query words = AllWords(string.Join(' ', text.Words));
            if (text.PrefixLastWord)
            {
                var prefix = new List<Query>();
                if (text.Words.Count > 1) prefix.Add(AllWords(string.Join(' ', text.Words.Take(text.Words.Count - 1))));
                prefix.Add(new MultiMatchQuery(text.Words[^1])
                {
                    Fields = Fields.FromStrings(PrefixFields),
                    Type = TextQueryType.BestFields,
                    Operator = Operator.And,
                });
                words = new BoolQuery { Should = [words, new BoolQuery { Must = prefix }], MinimumShouldMatch = 1 };
            }
            must.Add(words);
        }
        foreach (var phrase in text.Phrases)
        {
            must.Add(new MultiMatchQuery(phrase)
            {
                Fields = Fields.FromStrings(SearchedFields),
                Type = TextQueryType.Phrase,
                Analyzer = DictionaryIndexDefinition.PartsAnalyzer,
                // A phrase of punctuation only analyses to nothing: it then narrows nothing instead of matching nothing.
                ZeroTermsQuery = ZeroTermsQuery.All,
            });
        }
        return must;
    }

    private static MultiMatchQuery AllWords(string words) => new(words)
    {
        Fields = Fields.FromStrings(SearchedFields),
        Type = TextQueryType.CrossFields,
        Operator = Operator.And,
    };

    /// <summary>
    /// Titles that are the prefix, then titles starting with it, then titles with a word starting with it (tiers of
    /// constant scores); one suggestion per title and type (collapsed on <see cref="IndexFields.SuggestKey"/>).
    /// </summary>
    public static EsSearchRequest Suggest(string alias, string prefix, int limit)
    {
        var key = prefix.ToLowerInvariant();
        return new EsSearchRequest(alias)
        {
            Query = new BoolQuery
            {
                Filter =
                [
                    new BoolQuery
                    {
                        Should =
                        [
                            new MatchQuery(new EsField(IndexFields.TitlePrefix), prefix) { Operator = Operator.And },
                            new PrefixQuery(new EsField(IndexFields.TitleKeyword), key) { CaseInsensitive = true },
                        ],
                        MinimumShouldMatch = 1,
                    },
                ],
                Should =
                [
                    new ConstantScoreQuery(new TermQuery(new EsField(IndexFields.TitleKeyword), key)) { Boost = 100 },
                    new ConstantScoreQuery(new PrefixQuery(new EsField(IndexFields.TitleKeyword), key) { CaseInsensitive = true }) { Boost = 50 },
                    new ConstantScoreQuery(new MatchQuery(new EsField(IndexFields.Title), prefix) { Operator = Operator.And }) { Boost = 10 },
                ],
            },
            Collapse = new FieldCollapse(new EsField(IndexFields.SuggestKey)),
            Sort = [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, Ascending(IndexFields.TypeRank), Ascending(IndexFields.TitleKeyword), Ascending(IndexFields.Id)],
            Size = Math.Clamp(limit, 1, SearchRequest.MaxPageSize),
            TrackTotalHits = false,
        };
    }

    private static SortOptions Ascending(string field) => new FieldSort(new EsField(field)) { Order = SortOrder.Asc };
}

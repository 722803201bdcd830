using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// Settings and explicit mappings of a dictionary index (never dynamic). Text analysis mirrors the Lucene
/// backend's IdentifierAnalyzer: words are runs of letters, digits, '_' and '-'; each is split on '_', '-', case
/// changes and letter/digit changes while keeping the whole word ("customerId" → customerid, customer, id),
/// then lower-cased and folded to ASCII.
/// </summary>
internal static class DictionaryIndexDefinition
{
    public const string IdentifierAnalyzer = "meshportal_identifier";
    /// <summary>Only the parts of each word: phrases ("customer id" matches customer_id).</summary>
    public const string PartsAnalyzer = "meshportal_identifier_parts";
    /// <summary>Edge n-grams of every word and part: the index side of typeahead prefixes.</summary>
    public const string PrefixIndexAnalyzer = "meshportal_prefix";
    public const string WordTokenizer = "meshportal_words";
    public const string TrimDashFilter = "meshportal_trim_dashes";
    public const string DropEmptyFilter = "meshportal_drop_empty";
    public const string SplitFilter = "meshportal_split";
    public const string PartsFilter = "meshportal_split_parts";
    public const string EdgeNGramFilter = "meshportal_edge_ngram";
    public const string LowercaseNormalizer = "meshportal_lowercase";

    /// <summary>Longest prefix indexed for typeahead; longer words still match whole.</summary>
    public const int MaxPrefixLength = 24;

    public static CreateIndexRequest CreateIndexRequest(string index, string? alias = null) => new(index)
    {
        Settings = new IndexSettings
        {
            // One shard: the dictionary is small enough, and term statistics (ranking) stay exact.
            NumberOfShards = 1,
            // Only explicit refreshes, at the end of each write: a search sees a write whole or not at all.
            RefreshInterval = Elastic.Clients.Elasticsearch.Duration.MinusOne,
            Analysis = Analysis(),
        },
        Mappings = Mappings(),
        Aliases = alias is null ? null : new Dictionary<Elastic.Clients.Elasticsearch.Name, Alias> { [alias] = new Alias() },
    };

    private static IndexSettingsAnalysis Analysis() => new()
    {
        Tokenizers = new Tokenizers
        {
            { WordTokenizer, new PatternTokenizer { Pattern = @"[^\p{L}\p{N}_-]+" } },
        },
        TokenFilters = new TokenFilters
        {
            // "--" and "-word-" lose their outer dashes (a token of dashes only disappears), as on Lucene.
            { TrimDashFilter, new PatternReplaceTokenFilter { Pattern = "^-+|-+$", Replacement = "", All = true } },
            { DropEmptyFilter, new LengthTokenFilter { Min = 1 } },
            { SplitFilter, SplitWords(preserveOriginal: true) },
            { PartsFilter, SplitWords(preserveOriginal: false) },
            { EdgeNGramFilter, new EdgeNGramTokenFilter { MinGram = DictionaryQueryText.MinPrefixLength, MaxGram = MaxPrefixLength } },
        },
        Analyzers = new Analyzers
        {
            { IdentifierAnalyzer, new CustomAnalyzer { Tokenizer = WordTokenizer, Filter = [TrimDashFilter, DropEmptyFilter, SplitFilter, "lowercase", "asciifolding"] } },
            { PartsAnalyzer, new CustomAnalyzer { Tokenizer = WordTokenizer, Filter = [TrimDashFilter, DropEmptyFilter, PartsFilter, "lowercase", "asciifolding"] } },
            { PrefixIndexAnalyzer, new CustomAnalyzer { Tokenizer = WordTokenizer, Filter = [TrimDashFilter, DropEmptyFilter, SplitFilter, "lowercase", "asciifolding", EdgeNGramFilter] } },
        },
        Normalizers = new Normalizers
        {
            { LowercaseNormalizer, new CustomNormalizer { Filter = ["lowercase", "asciifolding"] } },
        },
    };

    private static WordDelimiterGraphTokenFilter SplitWords(bool preserveOriginal) => new()
    {
        PreserveOriginal = preserveOriginal,
        SplitOnCaseChange = true,
        SplitOnNumerics = true,
        GenerateWordParts = true,
        GenerateNumberParts = true,
        StemEnglishPossessive = true,
    };

    private static TypeMapping Mappings() => new()
    {
        Dynamic = DynamicMapping.Strict,
        Properties = new Properties
        {
            { IndexFields.Id, new KeywordProperty() },
            { IndexFields.Type, new KeywordProperty() },
            { IndexFields.TypeRank, new ByteNumberProperty() },
            { IndexFields.Source, new KeywordProperty() },
            { IndexFields.Title, Text(withPrefix: true, withKeyword: true) },
            { IndexFields.Path, Text(withPrefix: true) },
            { IndexFields.Description, Text() },
            { IndexFields.Context, Text() },
            { "domain", new KeywordProperty() },
            { "quantumId", new KeywordProperty() },
            { "quantum", new KeywordProperty() },
            { "contractId", new KeywordProperty() },
            { "contractVersion", new KeywordProperty() },
            { "url", new KeywordProperty { Index = false } },
            { "tier", new KeywordProperty() },
            { "status", new KeywordProperty() },
            { "classification", new KeywordProperty() },
            { "logicalType", new KeywordProperty() },
            { "physicalType", new KeywordProperty() },
            { "owner", new KeywordProperty() },
            { IndexFields.Tags, new KeywordProperty { Fields = new Properties { { "text", Text() } } } },
            { IndexFields.SuggestKey, new KeywordProperty { Normalizer = LowercaseNormalizer, IgnoreAbove = 512 } },
            { IndexFields.Hash, new KeywordProperty { Index = false } },
        },
    };

    private static TextProperty Text(bool withPrefix = false, bool withKeyword = false)
    {
        var text = new TextProperty { Analyzer = IdentifierAnalyzer, SearchAnalyzer = IdentifierAnalyzer, SearchQuoteAnalyzer = PartsAnalyzer };
        if (!withPrefix && !withKeyword) return text;
        text.Fields = new Properties();
        if (withPrefix) text.Fields.Add("prefix", new TextProperty { Analyzer = PrefixIndexAnalyzer, SearchAnalyzer = IdentifierAnalyzer });
        // Lower-cased so sorting and suggestion de-duplication ignore case, like the Lucene title key.
        if (withKeyword) text.Fields.Add("keyword", new KeywordProperty { Normalizer = LowercaseNormalizer, IgnoreAbove = 256 });
        return text;
    }
}

/// <summary>Field names of a dictionary index (the JSON names of <see cref="ElasticsearchDocument"/>).</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string Type = "type";
    public const string TypeRank = "typeRank";
    public const string Source = "source";
    public const string Title = "title";
    public const string TitlePrefix = "title.prefix";
    public const string TitleKeyword = "title.keyword";
    public const string Path = "path";
    public const string PathPrefix = "path.prefix";
    public const string Description = "description";
    public const string Context = "context";
    public const string Tags = "tags";
    public const string TagsText = "tags.text";
    public const string SuggestKey = "suggestKey";
    public const string Hash = "hash";

    /// <summary>Filter and facet name (<see cref="SearchRequest.Facets"/>) → keyword field.</summary>
    public static string FacetField(string facet) => facet == "tag" ? Tags : facet;
}

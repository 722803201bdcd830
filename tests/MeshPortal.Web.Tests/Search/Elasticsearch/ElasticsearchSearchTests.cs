using System.Text.Json.Nodes;
using MeshPortal.Web.Search;
using static MeshPortal.Web.Tests.Search.Elasticsearch.JsonAssert;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>The query DSL a search sends, and how the cluster's answer becomes a <see cref="SearchResult"/>.</summary>
public sealed class ElasticsearchSearchTests
{
    private static async Task<(SearchResult Result, RecordedRequest Request)> SearchAsync(SearchRequest request, string? response = null)
    {
        var fake = new FakeElasticsearch
        {
            Respond = r => r.Path.EndsWith("/_search", StringComparison.Ordinal) && response is not null ? (200, response) : null,
        };
        var result = await fake.CreateIndex().SearchAsync(request);
        return (result, fake.Single("POST", "/_search"));
    }

    [Fact]
    public async Task Search_TextAndFilters_BuildBoolQuery_WithMultiMatchMust_TermFilters_AggsAndHighlight()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = "customer email", Domain = "sales", Type = "column", Tag = "pii", Page = 3, PageSize = 10 });
        var body = request.Json;

        Assert.Equal($"/{FakeElasticsearch.Alias}/_search", request.Path);
        var must = At(body, "query.bool.must");
        var multiMatches = FindAll(must, "multi_match").ToList();
        var allWords = multiMatches.First(m => Text(m, "query") == "customer email");
        Assert.Equal("cross_fields", Text(allWords, "type"));
        Assert.Equal("and", Text(allWords, "operator"));
        var fields = Strings(At(allWords, "fields"));
        Assert.Equal(["title^4", "path^2", "tags.text^1.5", "description"], fields.Take(4));
        // The last word also matches as a prefix of title words (typeahead).
        Assert.Contains(multiMatches, m => Text(m, "query") == "email" && Strings(At(m, "fields")).Contains("title.prefix^2"));

        var filters = Items(At(body, "query.bool.filter")).Select(f => At(f, "term").AsObject().Single()).ToList();
        Assert.Equal([("domain", "sales"), ("tags", "pii"), ("type", "column")],
            filters.Select(f => (f.Key, Text(f.Value!, "value"))).Order());
        Assert.Empty(FindAll(At(body, "query.bool.must"), "term")); // filters never score

        Assert.Equal(20, At(body, "from").GetValue<int>());
        Assert.Equal(10, At(body, "size").GetValue<int>());
        Assert.True(At(body, "track_total_hits").GetValue<bool>());
    }

    [Fact]
    public async Task Search_SortsByScoreThenTitleKeyword()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = "customer" });

        var sort = At(request.Json, "sort").AsArray().Select(s => s!.AsObject().Single()).ToList();
        Assert.Equal(("_score", "desc"), (sort[0].Key, Text(sort[0].Value!, "order")));
        Assert.Equal(("title.keyword", "asc"), (sort[1].Key, Text(sort[1].Value!, "order")));
    }

    [Fact]
    public async Task Search_CountsEveryFacet_WithTermsAggregations()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = "customer" });

        var aggs = At(request.Json, "aggregations").AsObject();
        Assert.Equal(SearchRequest.Facets.Order(), aggs.Select(a => a.Key).Order());
        Assert.Equal("tags", Text(aggs["tag"]!, "terms.field"));
        foreach (var (_, agg) in aggs)
        {
            Assert.Equal(20, At(agg!, "terms.size").GetValue<int>());
            var order = At(agg!, "terms.order").AsArray().Select(o => o!.AsObject().Single()).Select(o => $"{o.Key} {o.Value}").ToList();
            Assert.Equal(["_count desc", "_key asc"], order);
        }
    }

    [Fact]
    public async Task Search_HighlightsTitlePathAndDescription_WithMarkTags_HtmlEncoded()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = "customer" });

        var highlight = At(request.Json, "highlight");
        Assert.Equal(["<mark>"], Strings(At(highlight, "pre_tags")));
        Assert.Equal(["</mark>"], Strings(At(highlight, "post_tags")));
        Assert.Equal("html", Text(highlight, "encoder"));
        Assert.Equal(3, At(highlight, "number_of_fragments").GetValue<int>());
        var fields = At(highlight, "fields").AsArray().Select(f => f!.AsObject().Single().Key).ToList();
        Assert.Contains("title", fields);
        Assert.Contains("path", fields);
        Assert.Contains("description", fields);
    }

    [Theory]
    [InlineData("title:customer AND (id OR name)^2 ~ *")]
    [InlineData("{!lucene}cust* \\ / [a TO z] && || ! -x +y")]
    [InlineData("'; DROP TABLE x; --")]
    public async Task Search_SpecialCharacters_ArePlainMatchText(string text)
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = text });

        Assert.Empty(FindAll(request.Json, "query_string"));
        Assert.Empty(FindAll(request.Json, "simple_query_string"));
        Assert.Empty(FindAll(request.Json, "regexp"));
        Assert.Empty(FindAll(request.Json, "wildcard"));
        var queries = FindAll(At(request.Json, "query"), "multi_match").Select(m => Text(m, "query")).ToList();
        Assert.Contains(string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)), queries);
    }

    [Fact]
    public async Task Search_QuotedText_IsAPhrase()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Text = "\"order line\" total" });

        var multiMatches = FindAll(request.Json, "multi_match").ToList();
        var phrase = Assert.Single(multiMatches, m => Text(m, "query") == "order line");
        Assert.Equal("phrase", Text(phrase, "type"));
        Assert.Contains(multiMatches, m => Text(m, "query") == "total");
    }

    [Fact]
    public async Task Search_EmptyText_MatchesAll_WithoutHighlight()
    {
        var (_, request) = await SearchAsync(new SearchRequest { Domain = "sales" });

        Assert.Single(FindAll(request.Json, "match_all"));
        Assert.Empty(FindAll(request.Json, "highlight"));
    }

    [Fact]
    public async Task Search_OnlyPunctuation_MatchesNothing_WithNotice()
    {
        var (result, request) = await SearchAsync(new SearchRequest { Text = "+-&&||!(){}[]^~*?:\\/" });

        Assert.Single(FindAll(request.Json, "match_none"));
        Assert.NotNull(result.Notice);
    }

    [Fact]
    public async Task Search_TooLongText_IsCutWithNotice()
    {
        var (result, request) = await SearchAsync(new SearchRequest { Text = "customer " + new string('x', 1_000) });

        Assert.All(FindAll(request.Json, "multi_match"), m => Assert.True(Text(m, "query").Length <= SearchRequest.MaxQueryLength));
        Assert.Contains(SearchRequest.MaxQueryLength.ToString(), result.Notice);
    }

    [Fact]
    public async Task Search_PagePastTheResultWindow_AsksForNoHits_ButAnswersTheTotal()
    {
        var (result, request) = await SearchAsync(new SearchRequest { Text = "metric", Page = 600, PageSize = 20 },
            FakeElasticsearch.Hits(12_345));

        Assert.Equal(0, At(request.Json, "size").GetValue<int>());
        Assert.Equal(0, At(request.Json, "from").GetValue<int>());
        Assert.Empty(result.Hits);
        Assert.Equal(12_345, result.Total);
        Assert.NotNull(result.Notice);
    }

    [Fact]
    public async Task Search_PageSize_IsClamped()
    {
        var (_, request) = await SearchAsync(new SearchRequest { PageSize = 5_000, Page = 0 });

        Assert.Equal(SearchRequest.MaxPageSize, At(request.Json, "size").GetValue<int>());
        Assert.Equal(0, At(request.Json, "from").GetValue<int>());
    }

    [Fact]
    public async Task Search_Answer_BecomesHitsFacetsAndHighlights()
    {
        var hit = new JsonObject
        {
            ["_index"] = "idx", ["_id"] = "column:x", ["_score"] = 7.5,
            ["_source"] = new JsonObject
            {
                ["id"] = "column:x", ["type"] = "column", ["source"] = "contract:x", ["title"] = "customer_id", ["url"] = "/c/x",
                ["domain"] = "sales", ["quantum"] = "sales/orders", ["path"] = "orders.customer_id", ["contractId"] = "orders",
                ["contractVersion"] = "1.1.0", ["logicalType"] = "string", ["physicalType"] = "varchar(64)", ["tier"] = "gold",
                ["status"] = "active", ["classification"] = "internal", ["tags"] = new JsonArray("pii"),
            },
            ["highlight"] = new JsonObject
            {
                ["title"] = new JsonArray("<mark>customer</mark>_id"),
                ["title.prefix"] = new JsonArray("<mark>customer_id</mark>"),
                ["description"] = new JsonArray("&lt;b&gt;<mark>customer</mark>&lt;&#x2F;b&gt; &amp; co&#x27;s"),
            },
            ["sort"] = new JsonArray(7.5, "customer_id", "column:x"),
        };
        var aggregations = new JsonObject
        {
            ["sterms#type"] = Terms(("column", 3), ("quantum", 1)),
            ["sterms#tag"] = Terms(("pii", 4)),
        };

        var (result, _) = await SearchAsync(new SearchRequest { Text = "customer" }, FakeElasticsearch.Hits(4, [hit], aggregations));

        Assert.Equal(4, result.Total);
        var h = Assert.Single(result.Hits);
        Assert.Equal(new SearchHit("column", "column:x", "customer_id", "sales", "sales/orders", "orders.customer_id", "/c/x",
            h.Highlights, 7.5, "orders", "1.1.0", "string", "varchar(64)", "gold", "active", "internal"), h);
        // Title first (the whole-word fragment, not the prefix one), then the description, re-encoded: only & < > " ' as entities.
        Assert.Equal(["<mark>customer</mark>_id", "&lt;b&gt;<mark>customer</mark>&lt;/b&gt; &amp; co&#39;s"], h.Highlights);
        Assert.Equal([new FacetValue("column", 3), new FacetValue("quantum", 1)], result.Facets["type"]);
        Assert.Equal([new FacetValue("pii", 4)], result.Facets["tag"]);
        Assert.Empty(result.Facets["domain"]);
        Assert.Equal(SearchRequest.Facets.Order(), result.Facets.Keys.Order());
        Assert.Null(result.Notice);

        static JsonObject Terms(params (string Key, int Count)[] buckets) => new()
        {
            ["doc_count_error_upper_bound"] = 0, ["sum_other_doc_count"] = 0,
            ["buckets"] = new JsonArray(buckets.Select(b => (JsonNode)new JsonObject { ["key"] = b.Key, ["doc_count"] = b.Count }).ToArray()),
        };
    }

    [Fact]
    public async Task Search_BeforeTheFirstIndexExists_AnswersEmpty()
    {
        const string missing = """{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [meshportal-test]"}],"type":"index_not_found_exception","reason":"no such index [meshportal-test]"},"status":404}""";
        var fake = new FakeElasticsearch { Respond = r => r.Path.EndsWith("/_search", StringComparison.Ordinal) || r.Path.EndsWith("/_count", StringComparison.Ordinal) ? (404, missing) : null };
        var index = fake.CreateIndex();

        var result = await index.SearchAsync(new SearchRequest { Text = "customer" });

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
        Assert.Equal(SearchRequest.Facets.Order(), result.Facets.Keys.Order());
        Assert.Empty(await index.SuggestAsync("cust"));
        Assert.Equal(0, await index.CountAsync());
        Assert.DoesNotContain(fake.Requests, r => r.Method == "PUT"); // reads never create the index
    }

    [Fact]
    public async Task Suggest_SearchesTitlePrefixes_OnePerTitleAndType()
    {
        var fake = new FakeElasticsearch();

        await fake.CreateIndex().SuggestAsync("Cust", 5);

        var body = fake.Single("POST", "/_search").Json;
        Assert.Equal("suggestKey", Text(body, "collapse.field"));
        Assert.Equal(5, At(body, "size").GetValue<int>());
        var prefixMatch = Assert.Single(FindAll(At(body, "query.bool.filter"), "match"));
        Assert.Equal("Cust", Text(Property(prefixMatch, "title.prefix"), "query"));
    }
}

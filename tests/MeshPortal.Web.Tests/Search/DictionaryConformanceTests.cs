using System.Runtime.CompilerServices;
using MeshPortal.Web.Search;
using static MeshPortal.Web.Tests.Search.DictionaryCorpus;

namespace MeshPortal.Web.Tests.Search;

/// <summary>
/// The behaviour every <see cref="IDictionaryIndex"/> backend shares; a backend's test class derives from this one
/// and returns a fresh, empty index from <see cref="CreateIndexAsync"/> (each test gets its own, seeded with
/// <see cref="DictionaryCorpus"/>).
/// <list type="bullet">
/// <item><b>Analysis</b> (index and query alike): words are runs of letters, digits, '_' and '-' (leading and
/// trailing '-' dropped); each word is split on '_', '-', lower-to-upper case changes and letter/digit boundaries
/// and also kept whole; everything is lower-cased and folded to ASCII; no stop words, no stemming. So "customer_id",
/// "customerId", "CustomerID" and "customer-id" all index "customer" and "id" plus the whole identifier.</item>
/// <item><b>Text search</b>: every word must match (AND) in one of title (weight 4), path (2), tags (1.5),
/// description (1) or the names of the entry's quantum, contract and domain (1). An identifier word matches, in
/// a field, its own spelling (scoring most: "customer_id" ranks the customer_id column above customerId), or, in
/// titles and paths, all its parts ("first_name" finds customer_first_name). The last word outside quotes, from
/// 2 characters on, also matches as a prefix of title and path words (typeahead: "cust" finds customer_id).
/// Text in double quotes is a phrase.</item>
/// <item><b>Literal input</b>: no character but the double quote means anything: query-syntax characters
/// (+ - &amp;&amp; || ! ( ) { } [ ] ^ ~ * ? : \ /) are punctuation, AND/OR/NOT are words; an unbalanced quote is
/// dropped. Nothing typed throws. Text longer than <see cref="SearchRequest.MaxQueryLength"/> is cut and
/// <see cref="SearchResult.Notice"/> says so (it is null for an ordinary query). Empty text matches everything;
/// text with no letter or digit at all matches nothing.</item>
/// <item><b>Order</b>: score descending, then title ascending (case-insensitive); with empty text, by type
/// (domain, quantum, contract, object, column) then title.</item>
/// <item><b>Filters</b> (type, domain, tier, tag, classification, status) are exact, case-sensitive keywords, ANDed.</item>
/// <item><b>Facets</b>: every name of <see cref="SearchRequest.Facets"/> is present; counts are over all matching
/// entries (filters applied, not just the page): the top 20 values by count descending, then value ascending.</item>
/// <item><b>Highlights</b>: up to 3 fragments from title, path and description, HTML-encoded, with matches in
/// &lt;mark&gt;…&lt;/mark&gt;: safe to render as markup.</item>
/// <item><b>Paging</b>: Page is 1-based (below 1 means 1); PageSize is clamped to 1..<see cref="SearchRequest.MaxPageSize"/>;
/// a page past the end has no hits but the right total (results past the first 10,000 are not paged).</item>
/// <item><b>Writes</b>: ReplaceSources deletes every entry of the named sources (and of the given documents' own
/// sources, and any entry with a given document's id), then adds the documents, all at once (a search never sees
/// half of it); it is idempotent, and the next search sees it.</item>
/// <item><b>Rebuild</b> builds a new index from the stream and swaps it in: searches answer from the old index
/// until then; it reports progress (at least every ~1,000 entries, and the final count) and returns the count.
/// Writes during a rebuild: the caller replays its outbox from a high-water mark after the swap
/// (DictionaryIndexer does); a backend may also keep them itself (Lucene does).</item>
/// <item><b>Suggest</b>: up to <c>limit</c> entries, one per title and type, whose title has every word of the
/// prefix, the last one as a word prefix (from the first character): titles equal to the prefix first, then titles
/// starting with it, then the others; within each, by type (domain, quantum, contract, object, column) and title.</item>
/// </list>
/// </summary>
public abstract class DictionaryConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    protected IDictionaryIndex Index { get; private set; } = null!;

    /// <summary>A new, empty index for one test.</summary>
    protected abstract Task<IDictionaryIndex> CreateIndexAsync();

    public async Task InitializeAsync()
    {
        Index = await CreateIndexAsync();
        await Index.ReplaceSourcesAsync(Sources, All);
    }

    public virtual async Task DisposeAsync()
    {
        switch (Index)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }

    protected Task<SearchResult> SearchAsync(string? text, int pageSize = 50) =>
        Index.SearchAsync(new SearchRequest { Text = text, PageSize = pageSize });

    protected static List<string> Titles(SearchResult result) => result.Hits.Select(h => h.Title).ToList();

    private static int Rank(SearchResult result, DictionaryDocument document)
    {
        var rank = result.Hits.ToList().FindIndex(h => h.Id == document.Id);
        Assert.True(rank >= 0, $"{document.Id} was not found; hits: {string.Join(", ", result.Hits.Select(h => h.Id))}");
        return rank;
    }

    // ---- Ranking -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_TitleMatch_OutranksDescriptionOnlyMatch()
    {
        var result = await SearchAsync("customer");

        Assert.True(Rank(result, Profiles) < Rank(result, Shipments), "a title match must outrank a description-only one");
        Assert.True(Rank(result, CustomerIdColumn) < Rank(result, Shipments));
    }

    [Fact]
    public async Task Search_TitleMatch_OutranksRepeatedDescriptionMatch()
    {
        var titled = Quantum("quantum:titled", "lab", "titled", "Revenue Report", "bronze", "active", [], "Monthly.");
        var described = Quantum("quantum:described", "lab", "described", "Ledger", "bronze", "active", [], "Revenue, revenue.");
        await Index.ReplaceSourcesAsync([titled.Source, described.Source], [titled, described]);

        var result = await SearchAsync("revenue");

        Assert.True(Rank(result, titled) < Rank(result, described), "a title weighs more than any description");
    }

    [Fact]
    public async Task Search_Word_FindsSnakeAndCamelCaseIdentifiers()
    {
        var result = await SearchAsync("customer");

        Assert.Equal(
            new[] { CustomerIdColumn.Id, CustomerIdCamelColumn.Id, CustomerNameColumn.Id, Profiles.Id, Shipments.Id }.Order(),
            result.Hits.Select(h => h.Id).Order());
        Assert.Equal(5, result.Total);
    }

    [Fact]
    public async Task Search_ExactIdentifier_RanksThatColumnFirst()
    {
        var snake = await SearchAsync("customer_id");
        Assert.Equal(CustomerIdColumn.Id, snake.Hits[0].Id);
        Assert.Contains(snake.Hits, h => h.Id == CustomerIdCamelColumn.Id);

        var camel = await SearchAsync("customerId");
        Assert.Equal(CustomerIdCamelColumn.Id, camel.Hits[0].Id);
        Assert.Contains(camel.Hits, h => h.Id == CustomerIdColumn.Id);
        Assert.True(camel.Hits[0].Score > camel.Hits[1].Score);
    }

    [Theory]
    [InlineData("CustomerID")]
    [InlineData("customer-id")]
    [InlineData("CUSTOMER_ID")]
    public async Task Search_IdentifierSpellings_FindBothColumns(string text)
    {
        var result = await SearchAsync(text);

        Assert.Equal(new[] { CustomerIdColumn.Id, CustomerIdCamelColumn.Id }.Order(), result.Hits.Select(h => h.Id).Order());
    }

    [Theory]
    [InlineData("first_name")]
    [InlineData("firstName")]
    [InlineData("first-name")]
    public async Task Search_PartOfAnIdentifier_FindsTheLongerIdentifier(string text)
    {
        var column = Column(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "orders", "customer_first_name", "Given name.", "confidential", []);
        await Index.ReplaceSourcesAsync([OrdersContract], [.. OfSource(OrdersContract), column]);

        var result = await SearchAsync(text);

        Assert.Equal([column.Id], result.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_HyphenatedTitle_FoundByEachPartAndWhole()
    {
        Assert.Contains((await SearchAsync("delivery")).Hits, h => h.Id == DeliveryDateColumn.Id);
        Assert.Equal(DeliveryDateColumn.Id, (await SearchAsync("delivery-date")).Hits[0].Id);
        Assert.Equal(DeliveryDateColumn.Id, (await SearchAsync("deliveryDate")).Hits[0].Id);
    }

    [Fact]
    public async Task Search_AllWordsMustMatch()
    {
        var result = await SearchAsync("customer carrier");
        Assert.Equal(0, result.Total);

        var both = await SearchAsync("customer parcels");
        // customerId sits in parcels; Shipments mentions parcels and the customer.
        Assert.Equal(new[] { CustomerIdCamelColumn.Id, Shipments.Id }.Order(), both.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Search_QuantumAndContractNames_FindTheirEntries()
    {
        var result = await SearchAsync("shipments carrier");

        Assert.Equal([CarrierNameColumn.Id], result.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_EqualScores_OrderByTitle()
    {
        DictionaryDocument Probe(string name) => Column("contract:probes", "lab", "lab/probes", "probes", "1.0.0", "t", name, "Probe column.", "public", []);
        await Index.ReplaceSourcesAsync(["contract:probes"], [Probe("zz_probe"), Probe("mm_probe"), Probe("aa_probe")]);

        var result = await SearchAsync("probe");

        Assert.Equal(["aa_probe", "mm_probe", "zz_probe"], Titles(result));
        Assert.Equal(result.Hits[0].Score, result.Hits[2].Score, 3);
    }

    // ---- Prefixes and phrases ------------------------------------------------------------------------------

    [Fact]
    public async Task Search_LastWordPrefix_FindsTypeahead()
    {
        var result = await SearchAsync("cust");

        Assert.Equal(
            new[] { CustomerIdColumn.Id, CustomerIdCamelColumn.Id, CustomerNameColumn.Id, Profiles.Id }.Order(),
            result.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Search_PrefixAppliesToLastWordOnly()
    {
        Assert.Equal([CustomerNameColumn.Id], (await SearchAsync("full cust")).Hits.Select(h => h.Id));
        Assert.Equal(0, (await SearchAsync("cust full")).Total);
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesWordsInOrder()
    {
        var phrase = await SearchAsync("\"order line\"");
        Assert.Equal(new[] { Orders.Id, OrdersObject.Id }.Order(), phrase.Hits.Select(h => h.Id).Order());

        Assert.Equal(0, (await SearchAsync("\"line order\"")).Total);
        Assert.True((await SearchAsync("line order")).Total >= 2);
    }

    [Fact]
    public async Task Search_QuotedIdentifierParts_MatchAsPhrase()
    {
        var result = await SearchAsync("\"customer id\"");

        Assert.Equal(new[] { CustomerIdColumn.Id, CustomerIdCamelColumn.Id }.Order(), result.Hits.Select(h => h.Id).Order());
    }

    // ---- Filters and facets --------------------------------------------------------------------------------

    [Fact]
    public async Task Search_Filters_AreExactAndAnded()
    {
        var internalColumns = await Index.SearchAsync(new SearchRequest { Text = "customer", Type = "column", Classification = "internal" });
        Assert.Equal(new[] { CustomerIdColumn.Id, CustomerIdCamelColumn.Id }.Order(), internalColumns.Hits.Select(h => h.Id).Order());

        var logistics = await Index.SearchAsync(new SearchRequest { Text = "customer", Type = "column", Classification = "internal", Domain = "logistics" });
        Assert.Equal([CustomerIdCamelColumn.Id], logistics.Hits.Select(h => h.Id));

        Assert.Equal(3, (await Index.SearchAsync(new SearchRequest { Tag = "pii", Type = "column" })).Total);
        Assert.Equal(0, (await Index.SearchAsync(new SearchRequest { Tag = "PII" })).Total);
        Assert.Equal(0, (await Index.SearchAsync(new SearchRequest { Domain = "sal" })).Total);
        Assert.Equal(2, (await Index.SearchAsync(new SearchRequest { Tier = "silver" })).Total);
        Assert.Equal(2, (await Index.SearchAsync(new SearchRequest { Status = "draft" })).Total);
    }

    [Fact]
    public async Task Search_Facets_CountAllMatchesOfTheFilteredResult()
    {
        var result = await Index.SearchAsync(new SearchRequest { Domain = "sales", PageSize = 2 });

        Assert.Equal(8, result.Total);
        Assert.Equal(2, result.Hits.Count);
        Assert.Equal(SearchRequest.Facets.Order(), result.Facets.Keys.Order());
        Assert.Equal([new("column", 3), new("quantum", 2), new("contract", 1), new("domain", 1), new("object", 1)], result.Facets["type"]);
        Assert.Equal([new("sales", 8)], result.Facets["domain"]);
        Assert.Equal([new("pii", 4), new("finance", 2)], result.Facets["tag"]);
        Assert.Equal([new("internal", 2), new("confidential", 1)], result.Facets["classification"]);
        Assert.Equal([new("gold", 1), new("silver", 1)], result.Facets["tier"]);
        Assert.Equal([new("active", 3), new("draft", 1)], result.Facets["status"]);
    }

    [Fact]
    public async Task Search_Facets_FollowTheText()
    {
        var result = await Index.SearchAsync(new SearchRequest { Text = "customer", PageSize = 1 });

        Assert.Equal(5, result.Total);
        Assert.Equal([new("column", 3), new("quantum", 2)], result.Facets["type"]);
        Assert.Equal([new("logistics", 2), new("sales", 3)], result.Facets["domain"].OrderBy(f => f.Value));
        Assert.Equal([new("pii", 4)], result.Facets["tag"].Where(f => f.Value == "pii"));
    }

    [Fact]
    public async Task Search_Facets_KeepTopTwentyByCountThenValue()
    {
        var docs = Enumerable.Range(0, 25).Select(i => Quantum($"quantum:tagged-{i}", "tagged", $"q{i:D2}", $"Tagged {i:D2}", "bronze", "active",
            i < 2 ? [$"t{i:D2}", "hot", "warm"] : i < 3 ? [$"t{i:D2}", "hot"] : [$"t{i:D2}"], "Tag facet probe.")).ToList();
        // The later values first, in a write of their own: ties must still come out in value order.
        var (late, early) = (docs[13..], docs[..13]);
        await Index.ReplaceSourcesAsync(late.Select(d => d.Source).ToList(), late);
        await Index.ReplaceSourcesAsync(early.Select(d => d.Source).ToList(), early);

        var result = await Index.SearchAsync(new SearchRequest { Domain = "tagged" });

        var expected = new List<FacetValue> { new("hot", 3), new("warm", 2) };
        expected.AddRange(Enumerable.Range(0, 18).Select(i => new FacetValue($"t{i:D2}", 1)));
        Assert.Equal(expected, result.Facets["tag"]);
        Assert.Equal(25, result.Total);
    }

    // ---- Highlights ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_Highlights_MarkMatchesInTitlePathAndDescription()
    {
        var result = await SearchAsync("customer");

        var column = result.Hits.Single(h => h.Id == CustomerIdColumn.Id);
        Assert.InRange(column.Highlights.Count, 1, 3);
        Assert.Matches("^<mark>customer(_id)?</mark>", column.Highlights[0]);
        Assert.Contains(column.Highlights, h => h.StartsWith("orders.<mark>customer", StringComparison.Ordinal));

        var descriptionOnly = result.Hits.Single(h => h.Id == Shipments.Id);
        Assert.Contains(descriptionOnly.Highlights, h => h.Contains("with the <mark>customer</mark> they"));
    }

    [Fact]
    public async Task Search_Highlights_AreHtmlEncoded()
    {
        var evil = Column("contract:evil", "lab", "lab/evil", "evil", "1.0.0", "t", "<script>alert('x')</script> notes",
            "Use <b>bold</b> & more.", "public", []);
        await Index.ReplaceSourcesAsync(["contract:evil"], [evil]);

        var hit = Assert.Single((await SearchAsync("alert")).Hits);
        Assert.Equal(evil.Title, hit.Title); // the title itself is data, encoded by whoever renders it
        Assert.Contains(hit.Highlights, h => h.StartsWith("&lt;script&gt;<mark>alert</mark>", StringComparison.Ordinal));
        Assert.All(hit.Highlights, h => Assert.DoesNotContain("<script>", h));

        var description = Assert.Single((await SearchAsync("bold")).Hits).Highlights.Single(h => h.Contains("<mark>bold</mark>"));
        Assert.Contains("&lt;b&gt;<mark>bold</mark>&lt;", description);
        Assert.Contains("&amp; more", description);
        Assert.DoesNotContain("<b>", description);
    }

    [Fact]
    public async Task Search_EmptyText_HasNoHighlights()
    {
        var result = await SearchAsync("");

        Assert.All(result.Hits, h => Assert.Empty(h.Highlights));
    }

    // ---- Empty text, order and paging -------------------------------------------------------------------------

    [Fact]
    public async Task Search_EmptyText_ListsEverythingByTypeThenTitle()
    {
        var result = await SearchAsync(null);

        Assert.Equal(All.Count, result.Total);
        Assert.Equal(
            [
                "Logistics", "Sales",
                "Customer Profiles", "Orders", "Shipments",
                "orders", "shipments",
                "orders", "parcels",
                "carrier_name", "customer_id", "customer_name", "customerId", "delivery-date", "order_total",
            ],
            Titles(result));
        Assert.Equal(result.Total, (await SearchAsync("   ")).Total);
    }

    [Fact]
    public async Task Search_Paging_ClampsAndPagesPastTheEnd()
    {
        var first = await Index.SearchAsync(new SearchRequest { PageSize = 4, Page = 1 });
        var second = await Index.SearchAsync(new SearchRequest { PageSize = 4, Page = 2 });
        Assert.Equal(4, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)));

        var last = await Index.SearchAsync(new SearchRequest { PageSize = 4, Page = 4 });
        Assert.Equal(3, last.Hits.Count);

        var past = await Index.SearchAsync(new SearchRequest { Text = "customer", Page = 10_000 });
        Assert.Empty(past.Hits);
        Assert.Equal(5, past.Total);
        Assert.Equal(5, past.Facets["type"].Sum(f => f.Count));

        Assert.Single((await Index.SearchAsync(new SearchRequest { PageSize = 0 })).Hits);
        Assert.Single((await Index.SearchAsync(new SearchRequest { PageSize = -3 })).Hits);
        Assert.Equal(first.Hits.Select(h => h.Id), (await Index.SearchAsync(new SearchRequest { PageSize = 4, Page = 0 })).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_PageSize_IsCappedAtMaxPageSize()
    {
        var docs = Enumerable.Range(0, SearchRequest.MaxPageSize + 20)
            .Select(i => Column("contract:bulk", "bulk", "bulk/wide", "wide", "1.0.0", "wide", $"metric_{i:D3}", "A metric.", "public", [])).ToList();
        await Index.ReplaceSourcesAsync(["contract:bulk"], docs);

        var result = await Index.SearchAsync(new SearchRequest { Text = "metric", PageSize = 1_000 });

        Assert.Equal(SearchRequest.MaxPageSize + 20, result.Total);
        Assert.Equal(SearchRequest.MaxPageSize, result.Hits.Count);
    }

    [Fact]
    public async Task Search_Hits_CarryWhatTheUiShows()
    {
        var hit = (await SearchAsync("customer_id")).Hits[0];

        Assert.Equal(DictionaryTypes.Column, hit.Type);
        Assert.Equal(CustomerIdColumn.Url, hit.Url);
        Assert.Equal("sales", hit.Domain);
        Assert.Equal("sales/orders", hit.Quantum);
        Assert.Equal("orders.customer_id", hit.Path);
        Assert.Equal("orders", hit.ContractId);
        Assert.Equal("1.1.0", hit.ContractVersion);
        Assert.Equal("string", hit.LogicalType);
        Assert.Equal("varchar(64)", hit.PhysicalType);
        Assert.Equal("internal", hit.Classification);
        Assert.True(hit.Score > 0);
    }

    // ---- Bad input -----------------------------------------------------------------------------------------

    private static readonly string[] SpecialTexts =
    [
        "+", "-", "&&", "||", "!", "(", ")", "{", "}", "[", "]", "^", "\"", "~", "*", "?", ":", "\\", "/",
        "+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /", "title:customer", "customer~2", "cust*", "/cust.*/", "[a TO z]",
        "\"customer id", "customer\"", "\"\"\"", "((((customer", "customer AND", "OR", "NOT customer", "\\\"", "\0", "😀 customer",
        "customer\u00A0id", "{!lucene}customer", "*:*", "customer^100", "?ustomer", "'; DROP TABLE x; --",
    ];

    public static TheoryData<string> SpecialInputs() => new(SpecialTexts);

    [Theory]
    [MemberData(nameof(SpecialInputs))]
    public async Task Search_SpecialCharacters_NeverThrow(string text)
    {
        var result = await Index.SearchAsync(new SearchRequest { Text = text });

        Assert.InRange(result.Total, 0, All.Count);
        Assert.NotNull(result.Facets);
    }

    [Theory]
    [InlineData("customer_id)")]
    [InlineData("(customer_id")]
    [InlineData("+customer_id")]
    [InlineData("customer_id!")]
    [InlineData("customer_id &&")]
    [InlineData("\"customer_id")]
    public async Task Search_PunctuationAroundWords_IsIgnored(string text)
    {
        var result = await SearchAsync(text);

        Assert.Equal(CustomerIdColumn.Id, result.Hits[0].Id);
    }

    [Fact]
    public async Task Search_OnlyPunctuation_FindsNothing()
    {
        Assert.Equal(0, (await SearchAsync("+-&&||!(){}[]^~*?:\\/")).Total);
    }

    [Fact]
    public async Task Search_VeryLongText_IsTruncatedWithNotice()
    {
        var text = "customer " + string.Concat(Enumerable.Repeat("+-!? ", 2_000)); // ~10,000 characters

        var result = await SearchAsync(text);

        Assert.NotNull(result.Notice);
        Assert.Contains(SearchRequest.MaxQueryLength.ToString(), result.Notice);
        Assert.Equal(5, result.Total);
        Assert.Null((await SearchAsync("customer")).Notice);
    }

    [Fact]
    public async Task Search_LongSingleWord_DoesNotThrow()
    {
        var result = await SearchAsync(new string('x', 10_000));

        Assert.NotNull(result.Notice);
        Assert.Equal(0, result.Total);
    }

    // ---- Writes --------------------------------------------------------------------------------------------

    [Fact]
    public async Task ReplaceSources_WithNoDocuments_RemovesTheSource()
    {
        await Index.ReplaceSourcesAsync([ShipmentsContract], []);

        Assert.Equal(All.Count - OfSource(ShipmentsContract).Count, await Index.CountAsync());
        Assert.Equal(0, (await SearchAsync("parcels", 50)).Hits.Count(h => h.Type != DictionaryTypes.Quantum && h.Type != DictionaryTypes.Domain));
        Assert.DoesNotContain((await SearchAsync("customer")).Hits, h => h.Id == CustomerIdCamelColumn.Id);
        Assert.Contains((await SearchAsync("customer")).Hits, h => h.Id == CustomerIdColumn.Id);
    }

    [Fact]
    public async Task ReplaceSources_ChangesFieldsAndFacets()
    {
        var renamed = CustomerNameColumn with { Title = "client_name", Path = "orders.client_name", Classification = "restricted" };
        var docs = OfSource(OrdersContract).Select(d => d.Id == CustomerNameColumn.Id ? renamed : d).ToList();

        await Index.ReplaceSourcesAsync([OrdersContract], docs);

        Assert.Equal(All.Count, await Index.CountAsync());
        Assert.Equal([renamed.Id], (await SearchAsync("client")).Hits.Select(h => h.Id));
        Assert.DoesNotContain((await SearchAsync("customer")).Hits, h => h.Title == "customer_name");
        var restricted = await Index.SearchAsync(new SearchRequest { Classification = "restricted" });
        Assert.Equal([renamed.Id], restricted.Hits.Select(h => h.Id));
        Assert.DoesNotContain((await SearchAsync(null)).Facets["classification"], f => f.Value == "confidential");
    }

    [Fact]
    public async Task ReplaceSources_IsIdempotent()
    {
        var docs = OfSource(OrdersContract);
        await Index.ReplaceSourcesAsync([OrdersContract], docs);
        var once = await SearchAsync("order");
        await Index.ReplaceSourcesAsync([OrdersContract], docs);
        var twice = await SearchAsync("order");

        Assert.Equal(All.Count, await Index.CountAsync());
        Assert.Equal(once.Hits.Select(h => (h.Id, h.Score)), twice.Hits.Select(h => (h.Id, h.Score)));
    }

    [Fact]
    public async Task ReplaceSources_AddsANewSourceVisibleToTheNextSearch()
    {
        var doc = Quantum("quantum:new", "sales", "returns", "Returns", "bronze", "active", [], "Goods sent back.");

        await Index.ReplaceSourcesAsync([doc.Source], [doc]);

        Assert.Equal([doc.Id], (await SearchAsync("returns")).Hits.Select(h => h.Id));
        Assert.Equal(All.Count + 1, await Index.CountAsync());
    }

    // ---- Rebuild -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Rebuild_SwapsInTheNewIndex_AndSearchesAnswerDuringIt()
    {
        const int generated = 2_500;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fresh = All.Where(d => d.Source != ShipmentsContract)
            .Concat(Enumerable.Range(0, generated).Select(i => Column("contract:gen", "analytics", "analytics/metrics", "metrics", "1.0.0", "metrics",
                $"zebra_metric_{i:D4}", "A generated metric.", "public", [])))
            .ToList();
        var progress = new RecordingProgress();

        var rebuild = Index.RebuildAsync(Gated(fresh, fresh.Count / 2, halfway, resume), progress);
        await halfway.Task.WaitAsync(Timeout);

        // Mid-rebuild: the old index answers.
        Assert.Equal(0, (await SearchAsync("zebra")).Total);
        Assert.Contains((await SearchAsync("customer")).Hits, h => h.Id == CustomerIdCamelColumn.Id);
        Assert.Equal(All.Count, await Index.CountAsync());

        resume.SetResult();
        var count = await rebuild.WaitAsync(Timeout);

        Assert.Equal(fresh.Count, count);
        Assert.Equal(fresh.Count, await Index.CountAsync());
        Assert.Equal(generated, (await SearchAsync("zebra")).Total);
        Assert.DoesNotContain((await SearchAsync("customer")).Hits, h => h.Id == CustomerIdCamelColumn.Id);
        Assert.Equal(CustomerIdColumn.Id, (await SearchAsync("customer_id")).Hits[0].Id);
        Assert.True(progress.Values.Count >= 2, "progress is reported as the rebuild goes");
        Assert.Equal(fresh.Count, progress.Values[^1]);
        Assert.True(progress.Values.SequenceEqual(progress.Values.Order()), "progress never goes back");
    }

    [Fact]
    public async Task Rebuild_WithNothing_EmptiesTheIndex_ThenWritesWork()
    {
        Assert.Equal(0, await Index.RebuildAsync(Gated([], -1, null, null)));
        Assert.Equal(0, await Index.CountAsync());
        Assert.Equal(0, (await SearchAsync(null)).Total);

        await Index.ReplaceSourcesAsync([OrdersContract], OfSource(OrdersContract));
        Assert.Equal(OfSource(OrdersContract).Count, await Index.CountAsync());
    }

    [Fact]
    public async Task Rebuild_Failing_KeepsTheOldIndex()
    {
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => Index.RebuildAsync(Failing()));

        Assert.Equal(All.Count, await Index.CountAsync());
        Assert.Equal(CustomerIdColumn.Id, (await SearchAsync("customer_id")).Hits[0].Id);

        static async IAsyncEnumerable<DictionaryDocument> Failing()
        {
            yield return Orders;
            await Task.Yield();
            throw new InvalidOperationException("the database went away");
        }
    }

    // ---- Suggestions ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Suggest_Prefix_FindsTitlesStartingWithIt()
    {
        var suggestions = await Index.SuggestAsync("cust");

        Assert.Equal(
            new[] { "Customer Profiles", "customer_id", "customer_name", "customerId" }.Order(),
            suggestions.Select(s => s.Text).Order());
        var column = suggestions.Single(s => s.Text == "customer_id");
        Assert.Equal(DictionaryTypes.Column, column.Type);
        Assert.Equal(CustomerIdColumn.Url, column.Url);
    }

    [Fact]
    public async Task Suggest_OneCharacter_AlreadySuggests()
    {
        var suggestions = await Index.SuggestAsync("c", 20);

        Assert.Equal(
            new[] { "carrier_name", "Customer Profiles", "customer_id", "customer_name", "customerId" }.Order(),
            suggestions.Select(s => s.Text).Order());
        Assert.Equal("Customer Profiles", suggestions[0].Text); // a quantum before columns
    }

    [Fact]
    public async Task Suggest_MatchesWordsInsideTitles_AfterTitleStarts()
    {
        await Index.ReplaceSourcesAsync(["quantum:profiler"], [Quantum("quantum:profiler", "lab", "profiler", "Profiler Runs", "bronze", "active", [], "Runs.")]);

        var suggestions = await Index.SuggestAsync("prof");

        Assert.Equal(["Profiler Runs", "Customer Profiles"], suggestions.Select(s => s.Text));
    }

    [Fact]
    public async Task Suggest_RespectsLimit_AndDeduplicatesTitleAndType()
    {
        var copy = Column("contract:copy", "lab", "lab/copy", "copy", "1.0.0", "orders", "customer_id", "Another copy.", "internal", []);
        await Index.ReplaceSourcesAsync(["contract:copy"], [copy]);

        var all = await Index.SuggestAsync("customer", 10);
        Assert.Single(all, s => s.Text == "customer_id" && s.Type == DictionaryTypes.Column);
        Assert.Equal(all.Count, all.Select(s => (s.Text.ToLowerInvariant(), s.Type)).Distinct().Count());

        Assert.Equal(2, (await Index.SuggestAsync("customer", 2)).Count);
        Assert.Empty(await Index.SuggestAsync("", 5));
        Assert.Empty(await Index.SuggestAsync("zzzz", 5));
    }

    [Fact]
    public async Task Suggest_ATitleRepeatedManyTimes_LeavesRoomForOthers()
    {
        var copies = Enumerable.Range(0, 20).Select(i => Column("contract:many", "lab", "lab/many", "many", "1.0.0", $"t{i}", "order_id", "Copy.", "public", []));
        var others = new[] { "order_line", "order_note" }.Select(n => Column("contract:many", "lab", "lab/many", "many", "1.0.0", "t", n, "Other.", "public", []));
        await Index.ReplaceSourcesAsync(["contract:many"], [.. copies, .. others]);

        var suggestions = await Index.SuggestAsync("order_", 3);

        Assert.Equal(["order_id", "order_line", "order_note"], suggestions.Select(s => s.Text));
    }

    [Fact]
    public async Task Suggest_ExactTitle_ComesFirst_WithMixedTypes()
    {
        var suggestions = await Index.SuggestAsync("orders", 10);

        Assert.Equal("orders", suggestions[0].Text, ignoreCase: true);
        Assert.Equal(
            new[] { DictionaryTypes.Quantum, DictionaryTypes.Contract, DictionaryTypes.Object }.Order(),
            suggestions.Where(s => s.Text.Equals("orders", StringComparison.OrdinalIgnoreCase)).Select(s => s.Type).Order());
    }

    [Fact]
    public async Task Suggest_SpecialCharacters_NeverThrow()
    {
        foreach (var text in SpecialTexts.Append(new string('c', 5_000)))
        {
            Assert.NotNull(await Index.SuggestAsync(text));
        }
    }

    // ---- Concurrency ---------------------------------------------------------------------------------------

    [Fact]
    public async Task ConcurrentSearches_WhileReplacing_SeeConsistentResults()
    {
        // Every write swaps the source's 3 entries for 3 new ones: a search sees 3, never 0 or 6 (half a write).
        static List<DictionaryDocument> Generation(int n) => Enumerable.Range(0, 3)
            .Select(i => Column("contract:churn", "lab", "lab/churn", "churn", "1.0.0", "t", $"churn_{n}_{i}", "Churn.", "public", [])).ToList();
        await Index.ReplaceSourcesAsync(["contract:churn"], Generation(0));
        using var stop = new CancellationTokenSource();
        var errors = new List<Exception>();
        var searches = 0;

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var stable = await SearchAsync("customer");
                    if (stable.Total != 5) throw new Xunit.Sdk.XunitException($"untouched results changed: {stable.Total}");
                    var churning = await SearchAsync("churn");
                    if (churning.Total != 3) throw new Xunit.Sdk.XunitException($"a replace was seen half done: {churning.Total}");
                    Interlocked.Increment(ref searches);
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e);
                    return;
                }
            }
        })).ToList();

        for (var n = 1; n <= 10; n++) await Index.ReplaceSourcesAsync(["contract:churn"], Generation(n));
        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(Timeout);

        Assert.Empty(errors);
        Assert.True(searches > 0);
        Assert.Equal(["churn_10_0", "churn_10_1", "churn_10_2"], Titles(await SearchAsync("churn")));
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    /// <summary>Streams the documents, pausing after <paramref name="pauseAt"/> of them until told to go on.</summary>
    protected static async IAsyncEnumerable<DictionaryDocument> Gated(IReadOnlyList<DictionaryDocument> documents, int pauseAt,
        TaskCompletionSource? paused, TaskCompletionSource? resume, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            if (i == pauseAt && paused is not null && resume is not null)
            {
                paused.SetResult();
                await resume.Task.WaitAsync(ct);
            }
            yield return documents[i];
        }
        await Task.Yield();
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the asserts).</summary>
    protected sealed class RecordingProgress : IProgress<long>
    {
        private readonly List<long> _values = [];

        public IReadOnlyList<long> Values
        {
            get { lock (_values) return _values.ToList(); }
        }

        public void Report(long value)
        {
            lock (_values) _values.Add(value);
        }
    }
}

using System.Net;
using System.Text.Json;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Search.Api;

/// <summary>
/// GET /api/v1/search and /suggest on the seeded demo mesh (quanta and contracts), over the real Lucene index of the
/// shared app. That app runs no job server, so each test first runs the outbox drain itself (as the job would).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SearchApiTests(PortalFactory portal) : IAsyncLifetime
{
    private HttpClient Consumer => portal.ClientFor("consumer");

    public async Task InitializeAsync() => await portal.Services.GetRequiredService<DictionaryIndexer>().DrainAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_Customer_AnswersTheDocumentedShape_WithMarkedColumnHits()
    {
        var json = await (await Consumer.GetSearchAsync(("q", "customer"), ("pageSize", 100))).JsonAsync();

        Assert.Equal(["facets", "hits", "total"], json.EnumerateObject().Select(p => p.Name).Where(n => n != "notice").Order());
        var total = json.GetProperty("total").GetInt64();
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.True(total >= hits.Count && hits.Count > 5, $"total {total}, {hits.Count} hits");
        foreach (var hit in hits)
        {
            Assert.Equal(JsonValueKind.String, hit.GetProperty("type").ValueKind);
            Assert.Contains(hit.GetProperty("type").GetString(), DictionaryTypes.All);
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("title").GetString()));
            foreach (var name in new[] { "domain", "quantum", "path" })
                Assert.True(hit.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"hit has '{name}'");
            Assert.Equal(JsonValueKind.Array, hit.GetProperty("highlights").ValueKind);
            Assert.True(hit.GetProperty("score").GetDouble() > 0);
        }
        var scores = hits.Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        var customerId = hits.First(h => h.GetProperty("type").GetString() == "column" && h.GetProperty("title").GetString() == "customer_id");
        Assert.Contains(customerId.GetProperty("highlights").EnumerateArray(), h => h.GetString()!.Contains("<mark>customer</mark>_id"));
        Assert.Matches("^[a-z]+/[a-z0-9-]+$", customerId.GetProperty("quantum").GetString()!);
        Assert.EndsWith(".customer_id", customerId.GetProperty("path").GetString());

        var facets = json.GetProperty("facets");
        Assert.Equal(SearchRequest.Facets.Order(), facets.EnumerateObject().Select(p => p.Name).Order());
        var types = facets.GetProperty("type").EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());
        Assert.Equal(total, types.Values.Sum());
        Assert.True(types["column"] > 0 && types["quantum"] > 0, string.Join(", ", types));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("domain")]
    [InlineData("tier")]
    [InlineData("tag")]
    [InlineData("classification")]
    [InlineData("status")]
    public async Task Search_EachFilter_NarrowsToItsFacetCount(string facet)
    {
        var all = await Consumer.SearchAsync(("q", "customer"));
        var values = all.Facets[facet];
        Assert.True(values.Count > 0, $"the seeded mesh has '{facet}' values among the customer hits");

        foreach (var (value, count) in values.Select(v => (v.Value, v.Count)))
        {
            var filtered = await Consumer.SearchAsync(("q", "customer"), (facet, value), ("pageSize", 100));
            Assert.Equal(count, filtered.Total);
            Assert.True(filtered.Total < all.Total, $"{facet}={value} narrows {all.Total} to {filtered.Total}");
            Assert.Equal([new FacetValue(value, count)], filtered.Facets[facet].Where(v => v.Value == value));
            if (facet != "tag") Assert.All(filtered.Hits, h => Assert.Equal(value, FacetOf(h, facet)));
        }
    }

    [Fact]
    public async Task Search_Filters_AreAnded()
    {
        var columns = await Consumer.SearchAsync(("q", "customer"), ("type", "column"));
        var sales = columns.Facets["domain"].Single(v => v.Value == "sales");

        var both = await Consumer.SearchAsync(("q", "customer"), ("type", "column"), ("domain", "sales"), ("pageSize", 100));

        Assert.Equal(sales.Count, both.Total);
        Assert.All(both.Hits, h => Assert.Equal(("column", "sales"), (h.Type, h.Domain)));
        Assert.Equal(0, (await Consumer.SearchAsync(("q", "customer"), ("type", "column"), ("domain", "no-such-domain"))).Total);
        Assert.Equal(0, (await Consumer.SearchAsync(("q", "customer"), ("type", "column"), ("domain", "Sales"))).Total);
    }

    [Fact]
    public async Task Search_Pages_SplitTheSameResult()
    {
        var first4 = await Consumer.SearchAsync(("q", "customer"), ("pageSize", 4));
        var page1 = await Consumer.SearchAsync(("q", "customer"), ("pageSize", 2), ("page", 1));
        var page2 = await Consumer.SearchAsync(("q", "customer"), ("pageSize", 2), ("page", 2));

        Assert.Equal(4, first4.Hits.Count);
        Assert.Equal(first4.Hits.Select(h => h.Id), page1.Hits.Concat(page2.Hits).Select(h => h.Id));
        Assert.Equal([first4.Total], new[] { page1.Total, page2.Total }.Distinct());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public async Task Search_PagePastTheEnd_IsEmpty_WithTheRightTotal(int page)
    {
        var all = await Consumer.SearchAsync("customer");

        var past = await Consumer.SearchAsync(("q", "customer"), ("page", page), ("pageSize", 100));

        Assert.Empty(past.Hits);
        Assert.Equal(all.Total, past.Total);
        Assert.Equal(all.Facets["type"], past.Facets["type"]);
    }

    [Fact]
    public async Task Search_EmptyQuery_ListsTheWholeMesh()
    {
        var everything = await Consumer.SearchAsync(("pageSize", 5));

        Assert.True(everything.Total > 100, $"total {everything.Total}");
        Assert.Equal("domain", everything.Hits[0].Type);
        Assert.All(everything.Hits, h => Assert.Empty(h.Highlights));
    }

    [Fact]
    public async Task Suggest_Prefix_OffersColumnsAndQuanta_WithinTheLimit()
    {
        var suggestions = await Consumer.SuggestAsync("custom");

        Assert.Equal(8, suggestions.Length);
        Assert.Contains(suggestions, s => s is { Text: "Customer master", Type: "quantum", Context: "sales/customers" });
        Assert.All(suggestions, s => Assert.StartsWith("/", s.Url));
        Assert.All(suggestions, s => Assert.Contains("custom", s.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await Consumer.SuggestAsync("customer_i"), s => s is { Text: "customer_id", Type: "column" });
        Assert.Equal(2, (await Consumer.SuggestAsync("custom", limit: 2)).Length);
        Assert.Empty(await Consumer.SuggestAsync("   "));
    }

    [Fact]
    public async Task Search_WithoutAToken_IsRefused()
    {
        var response = await portal.ClientFor("none").GetAsync("/api/v1/search?q=customer");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string? FacetOf(SearchHit hit, string facet) => facet switch
    {
        "type" => hit.Type,
        "domain" => hit.Domain,
        "tier" => hit.Tier,
        "classification" => hit.Classification,
        "status" => hit.Status,
        _ => throw new ArgumentOutOfRangeException(nameof(facet)),
    };
}

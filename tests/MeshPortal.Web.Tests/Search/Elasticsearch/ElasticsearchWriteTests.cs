using System.Text.Json.Nodes;
using MeshPortal.Web.Search;
using static MeshPortal.Web.Tests.Search.Elasticsearch.JsonAssert;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>ReplaceSources: list what the sources hold, one NDJSON bulk of index and delete actions, then a refresh.</summary>
public sealed class ElasticsearchWriteTests
{
    private const string Contract = "contract:orders";

    private static DictionaryDocument Column(string name, params string[] tags) => new()
    {
        Id = $"column:orders@1.1.0/orders.{name}", Type = DictionaryTypes.Column, Source = Contract, Title = name,
        Path = $"orders.{name}", Url = $"/contracts/orders/1.1.0#orders.{name}", Domain = "sales", Quantum = "sales/orders",
        ContractId = "orders", ContractVersion = "1.1.0", Classification = "internal", Tags = tags,
    };

    /// <summary>A fake whose listing search answers the given ids and hashes for the contract.</summary>
    private static FakeElasticsearch Holding(params (string Id, string Hash)[] existing) => new()
    {
        Respond = r => r.Method == "POST" && r.Path == $"/{FakeElasticsearch.Alias}/_search"
            ? (200, FakeElasticsearch.Hits(existing.Length, existing.Select(e => new JsonObject
            {
                ["_index"] = "idx", ["_id"] = e.Id, ["_score"] = null,
                ["_source"] = new JsonObject { ["id"] = e.Id, ["hash"] = e.Hash },
                ["sort"] = new JsonArray(e.Id),
            })))
            : null,
    };

    [Fact]
    public async Task ReplaceSources_SendsNdjsonBulk_WithExplicitIds_DocumentsAndDeletesOfGoneEntries()
    {
        var fake = Holding(("column:orders@1.1.0/orders.customer_id", "stale-hash"), ("column:orders@1.1.0/orders.dropped", "x"));
        var customerId = Column("customer_id", "pii");
        var total = Column("order_total");

        await fake.CreateIndex().ReplaceSourcesAsync([Contract], [customerId, total]);

        var bulk = fake.Single("POST", "/_bulk");
        Assert.Equal($"/{FakeElasticsearch.Alias}/_bulk", bulk.Path);
        Assert.Contains("require_alias=true", bulk.Query);
        Assert.EndsWith("\n", bulk.Body);
        var lines = bulk.Lines;
        Assert.Equal(5, lines.Count); // two index actions with their documents, one delete without a body

        var indexed = new Dictionary<string, JsonNode>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i]["index"] is { } action)
            {
                indexed[Text(action, "_id")] = lines[++i];
                continue;
            }
            Assert.Equal("column:orders@1.1.0/orders.dropped", Text(lines[i], "delete._id"));
        }
        Assert.Equal([customerId.Id, total.Id], indexed.Keys.Order());
        var doc = indexed[customerId.Id];
        Assert.Equal(customerId.Id, Text(doc, "id"));
        Assert.Equal("customer_id", Text(doc, "title"));
        Assert.Equal(Contract, Text(doc, "source"));
        Assert.Equal("orders.customer_id", Text(doc, "path"));
        Assert.Equal(["pii"], Strings(At(doc, "tags")));
        Assert.Equal("internal", Text(doc, "classification"));
        Assert.False(string.IsNullOrEmpty(Text(doc, "hash")));
    }

    [Fact]
    public async Task ReplaceSources_ListsTheNamedAndTheDocumentsOwnSources_ThenBulk_ThenRefresh()
    {
        var fake = Holding();
        var moved = Column("customer_id") with { Source = "contract:customers" };

        await fake.CreateIndex().ReplaceSourcesAsync([Contract], [moved]);

        var calls = fake.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Equal(
            [$"HEAD /_alias/{FakeElasticsearch.Alias}", $"POST /{FakeElasticsearch.Alias}/_search", $"POST /{FakeElasticsearch.Alias}/_bulk",
             $"POST /{FakeElasticsearch.Alias}/_refresh"],
            calls);
        var listing = fake.Requests[1].Json;
        Assert.Equal(["contract:customers", Contract], Strings(FindAll(listing, "source").First(n => n is JsonArray)).Order());
    }

    [Fact]
    public async Task ReplaceSources_Replayed_WritesOnlyWhatChanged()
    {
        var first = Holding();
        var docs = new[] { Column("customer_id"), Column("order_total") };
        await first.CreateIndex().ReplaceSourcesAsync([Contract], docs);
        var hashes = first.Single("POST", "/_bulk").Lines.Where(l => l["hash"] is not null)
            .Select(l => (Text(l, "id"), Text(l, "hash"))).ToArray();
        Assert.Equal(2, hashes.Length);

        var unchanged = Holding(hashes);
        await unchanged.CreateIndex().ReplaceSourcesAsync([Contract], docs);
        Assert.DoesNotContain(unchanged.Requests, r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        Assert.DoesNotContain(unchanged.Requests, r => r.Path.EndsWith("/_refresh", StringComparison.Ordinal));

        var changed = Holding(hashes);
        await changed.CreateIndex().ReplaceSourcesAsync([Contract], [docs[0] with { Description = "Who ordered." }, docs[1]]);
        var lines = changed.Single("POST", "/_bulk").Lines;
        Assert.Equal(2, lines.Count);
        Assert.Equal(docs[0].Id, Text(lines[0], "index._id"));
    }

    [Fact]
    public async Task ReplaceSources_WithNoDocuments_DeletesEverythingTheSourceHeld()
    {
        var fake = Holding(("a", "1"), ("b", "2"));

        await fake.CreateIndex().ReplaceSourcesAsync([Contract], []);

        var lines = fake.Single("POST", "/_bulk").Lines;
        Assert.Equal(["a", "b"], lines.Select(l => Text(l, "delete._id")).Order());
    }

    [Fact]
    public async Task ReplaceSources_ManyDocuments_AreSentInBatches()
    {
        var fake = Holding();
        var docs = Enumerable.Range(0, 2_500).Select(i => Column($"metric_{i:D4}")).ToList();

        await fake.CreateIndex().ReplaceSourcesAsync([Contract], docs);

        var bulks = fake.Requests.Where(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, bulks.Count);
        Assert.Equal(docs.Count, bulks.Sum(b => b.Lines.Count(l => l["index"] is not null)));
        Assert.Single(fake.Requests, r => r.Path.EndsWith("/_refresh", StringComparison.Ordinal));
    }
}

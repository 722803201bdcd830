using System.Text.Json.Nodes;
using MeshPortal.Web.Search;
using static MeshPortal.Web.Tests.Search.Elasticsearch.JsonAssert;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>The index the first write creates: explicit strict mappings and the identifier analysis, read back from the request.</summary>
public sealed class ElasticsearchIndexCreationTests
{
    private static readonly DictionaryDocument Column = new()
    {
        Id = "column:orders@1.1.0/orders.customer_id", Type = DictionaryTypes.Column, Source = "contract:orders",
        Title = "customer_id", Url = "/contracts/orders/1.1.0#orders.customer_id",
    };

    private static async Task<(FakeElasticsearch Fake, JsonNode Body)> FirstWriteAsync()
    {
        var fake = new FakeElasticsearch { AliasExists = false };
        await fake.CreateIndex().ReplaceSourcesAsync([Column.Source], [Column]);
        return (fake, fake.Single("PUT", $"/{FakeElasticsearch.Alias}-initial").Json);
    }

    [Fact]
    public async Task FirstWrite_CreatesTheFirstIndex_WithTheAlias_BeforeWriting()
    {
        var (fake, body) = await FirstWriteAsync();

        Assert.NotNull(At(body, $"aliases.{FakeElasticsearch.Alias}"));
        var order = fake.Requests.Select(r => r.ToString()).ToList();
        var created = order.IndexOf($"PUT /{FakeElasticsearch.Alias}-initial");
        var bulk = order.FindIndex(r => r.StartsWith($"POST /{FakeElasticsearch.Alias}/_bulk", StringComparison.Ordinal));
        Assert.True(order.IndexOf($"HEAD /_alias/{FakeElasticsearch.Alias}") < created && created < bulk, string.Join(" | ", order));
    }

    [Fact]
    public async Task Mappings_AreStrict_WithKeywordFieldsForFiltersAndFacets()
    {
        var (_, body) = await FirstWriteAsync();

        Assert.Equal("strict", Text(body, "mappings.dynamic"));
        string[] keywords = ["id", "type", "source", "domain", "quantumId", "quantum", "contractId", "contractVersion", "tier", "status",
            "classification", "tags", "logicalType", "physicalType", "owner", "url"];
        foreach (var field in keywords)
            Assert.Equal("keyword", Text(body, $"mappings.properties.{field}.type"));
    }

    [Fact]
    public async Task Mappings_TextFields_UseTheIdentifierAnalyzer_WithPrefixAndKeywordSubfields()
    {
        var (_, body) = await FirstWriteAsync();

        foreach (var field in new[] { "title", "path", "description" })
        {
            Assert.Equal("text", Text(body, $"mappings.properties.{field}.type"));
            Assert.Equal("meshportal_identifier", Text(body, $"mappings.properties.{field}.analyzer"));
        }
        var prefix = At(body, "mappings.properties.title.fields.prefix");
        Assert.Equal("text", Text(prefix, "type"));
        Assert.Equal("meshportal_prefix", Text(prefix, "analyzer"));
        Assert.Equal("meshportal_identifier", Text(prefix, "search_analyzer"));
        Assert.Equal("keyword", Text(body, "mappings.properties.title.fields.keyword.type"));
        Assert.Equal("text", Text(body, "mappings.properties.tags.fields.text.type"));
    }

    [Fact]
    public async Task Analysis_SplitsIdentifiers_AndIndexesEdgeNGramsForPrefixes()
    {
        var (_, body) = await FirstWriteAsync();
        var analysis = At(body, "settings.analysis");

        var split = At(analysis, "filter.meshportal_split");
        Assert.Equal("word_delimiter_graph", Text(split, "type"));
        Assert.True(At(split, "preserve_original").GetValue<bool>());
        Assert.True(At(split, "split_on_case_change").GetValue<bool>());
        Assert.True(At(split, "split_on_numerics").GetValue<bool>());
        Assert.False(At(analysis, "filter.meshportal_split_parts.preserve_original").GetValue<bool>());
        Assert.Equal("edge_ngram", Text(analysis, "filter.meshportal_edge_ngram.type"));

        var identifier = Strings(At(analysis, "analyzer.meshportal_identifier.filter"));
        Assert.True(identifier.IndexOf("meshportal_split") < identifier.IndexOf("lowercase"), "split on case changes before lower-casing");
        Assert.Contains("asciifolding", identifier);
        var prefix = Strings(At(analysis, "analyzer.meshportal_prefix.filter"));
        Assert.Equal("meshportal_edge_ngram", prefix[^1]);
        Assert.Equal("pattern", Text(analysis, "tokenizer.meshportal_words.type"));
    }

    [Fact]
    public async Task Settings_RefreshOnlyWhenTold_OnOneShard()
    {
        var (_, body) = await FirstWriteAsync();

        Assert.Equal("-1", Text(body, "settings.refresh_interval"));
        Assert.Equal("1", Text(body, "settings.number_of_shards"));
    }

    [Fact]
    public async Task ExistingAlias_IsNotCreatedAgain()
    {
        var fake = new FakeElasticsearch { AliasExists = true };
        var index = fake.CreateIndex();

        await index.ReplaceSourcesAsync([Column.Source], [Column]);
        await index.ReplaceSourcesAsync([Column.Source], [Column with { Title = "client_id" }]);

        Assert.DoesNotContain(fake.Requests, r => r.Method == "PUT");
        Assert.Single(fake.Requests, r => r.Method == "HEAD"); // checked once, then known
    }
}

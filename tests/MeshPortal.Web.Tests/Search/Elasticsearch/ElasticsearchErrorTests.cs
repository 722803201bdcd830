using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Elasticsearch;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>Cluster refusals and transport failures surface as short, clear exceptions, never as a response dump.</summary>
public sealed class ElasticsearchErrorTests
{
    private static readonly DictionaryDocument Doc = new()
    {
        Id = "quantum:1", Type = DictionaryTypes.Quantum, Source = "quantum:1", Title = "Orders", Url = "/quanta/sales/orders",
    };

    [Fact]
    public async Task ClusterError_SurfacesItsTypeAndReason_NotTheResponse()
    {
        const string failure = """
            {"error":{"root_cause":[{"type":"cluster_block_exception","reason":"index [meshportal-test-1] blocked by: [FORBIDDEN/8/index write (api)];"}],
            "type":"cluster_block_exception","reason":"index [meshportal-test-1] blocked by: [FORBIDDEN/8/index write (api)];"},"status":403}
            """;
        var fake = new FakeElasticsearch { Respond = r => r.Path.EndsWith("/_count", StringComparison.Ordinal) ? (403, failure) : null };

        var error = await Assert.ThrowsAsync<ElasticsearchDictionaryException>(() => fake.CreateIndex().CountAsync());

        Assert.Equal(403, error.StatusCode);
        Assert.StartsWith("Elasticsearch refused counting the dictionary (HTTP 403): cluster_block_exception: index [meshportal-test-1] blocked", error.Message);
        Assert.DoesNotContain("root_cause", error.Message);
        Assert.DoesNotContain("{", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public async Task BulkItemErrors_NameTheFirstRefusedEntry()
    {
        var fake = new FakeElasticsearch
        {
            Respond = r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)
                ? (200, """
                    {"took":3,"errors":true,"items":[{"index":{"_index":"meshportal-test-1","_id":"quantum:1","status":400,
                    "error":{"type":"strict_dynamic_mapping_exception","reason":"[1:20] mapping set to strict, dynamic introduction of [colour] within [_doc] is not allowed"}}}]}
                    """)
                : null,
        };

        var error = await Assert.ThrowsAsync<ElasticsearchDictionaryException>(() => fake.CreateIndex().ReplaceSourcesAsync([Doc.Source], [Doc]));

        Assert.Contains("refused 1 of 1 entries", error.Message);
        Assert.Contains("'quantum:1': strict_dynamic_mapping_exception: [1:20] mapping set to strict", error.Message);
        Assert.DoesNotContain(fake.Requests, r => r.Path.EndsWith("/_refresh", StringComparison.Ordinal)); // nothing half done becomes visible
    }

    [Fact]
    public async Task SearchRefusedAsBadInput_IsAQueryError()
    {
        var fake = new FakeElasticsearch
        {
            Respond = r => r.Path.EndsWith("/_search", StringComparison.Ordinal)
                ? (400, """{"error":{"root_cause":[{"type":"query_shard_exception","reason":"failed to create query: maxClauseCount is set to 4096"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}""")
                : null,
        };

        var error = await Assert.ThrowsAsync<SearchQueryException>(() => fake.CreateIndex().SearchAsync(new SearchRequest { Text = "customer" }));

        Assert.Contains("search_phase_execution_exception: all shards failed", error.Message);
        Assert.Contains("maxClauseCount is set to 4096", error.Message);
    }

    [Fact]
    public async Task TransportFailure_IsAClearException_AndTheIndexKeepsWorking()
    {
        var down = true;
        var fake = new FakeElasticsearch();
        var handler = new FailingHandler(fake, () => down);
        var index = new ElasticsearchDictionaryIndex(FakeElasticsearch.CreateClient(handler), FakeElasticsearch.Alias);

        var error = await Assert.ThrowsAsync<ElasticsearchDictionaryException>(() => index.SearchAsync(new SearchRequest { Text = "customer" }));
        Assert.Null(error.StatusCode);
        Assert.Contains("could not be reached for the search", error.Message);
        Assert.Contains("Connection refused", error.Message);
        Assert.Contains("http://elasticsearch.test:9200/", error.Message);

        down = false;
        Assert.Equal(0, (await index.SearchAsync(new SearchRequest { Text = "customer" })).Total);
    }

    [Fact]
    public async Task Cancellation_IsNotReportedAsAClusterError()
    {
        var fake = new FakeElasticsearch();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fake.CreateIndex().SearchAsync(new SearchRequest { Text = "x" }, cancelled.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("search.example.internal:9200")]
    [InlineData("ftp://search.example.internal")]
    [InlineData("https://elastic:secret@search.example.internal:9200")]
    public void Options_WithoutAUsableUrl_AreRefusedClearly(string? url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ElasticsearchDictionaryIndex(new ElasticsearchOptions { Url = url }));

        Assert.Contains("MeshPortal:Search:Elasticsearch:Url", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Options_ApiKeyOrBasicCredentials_AndFingerprint_ReachTheClient()
    {
        var withKey = ElasticsearchClientFactory.Create(new ElasticsearchOptions
        {
            Url = "https://search.example.internal:9200", ApiKey = "a2V5", CertificateFingerprint = "AB:CD", RequestTimeout = TimeSpan.FromSeconds(3),
        });
        Assert.IsType<Elastic.Transport.ApiKey>(withKey.ElasticsearchClientSettings.Authentication);
        Assert.Equal("AB:CD", withKey.ElasticsearchClientSettings.CertificateFingerprint);
        Assert.Equal(TimeSpan.FromSeconds(3), withKey.ElasticsearchClientSettings.RequestTimeout);

        var withPassword = ElasticsearchClientFactory.Create(new ElasticsearchOptions
        {
            Url = "https://search.example.internal:9200", Username = "portal", Password = "pw",
        });
        Assert.IsType<Elastic.Transport.BasicAuthentication>(withPassword.ElasticsearchClientSettings.Authentication);
    }

    /// <summary>Refuses connections while told to, like a cluster that is down, then lets requests through.</summary>
    private sealed class FailingHandler(HttpMessageHandler inner, Func<bool> down) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            down() ? throw new HttpRequestException("Connection refused (elasticsearch.test:9200)") : base.SendAsync(request, ct);
    }
}

using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Elasticsearch;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>
/// The conformance suite on a real cluster, run only when <see cref="UrlVariable"/> names one (e.g.
/// http://localhost:9200, or http://user:password@localhost:9200); otherwise every test is reported skipped.
/// Optional: MESHPORTAL_TEST_ELASTICSEARCH_API_KEY, MESHPORTAL_TEST_ELASTICSEARCH_FINGERPRINT. The cluster must be
/// Elasticsearch 9 (the 9.x client asks for 9.x compatibility). Each test works behind its own alias
/// "meshportal-test-&lt;guid&gt;" and deletes the indexes behind it at the end.
/// </summary>
[RequiresEnvironment(UrlVariable, "Needs an Elasticsearch 9 cluster")]
public sealed class ElasticsearchConformanceTests : DictionaryConformanceTests
{
    public const string UrlVariable = "MESHPORTAL_TEST_ELASTICSEARCH_URL";

    private readonly string _alias = "meshportal-test-" + Guid.NewGuid().ToString("N");
    private ElasticsearchClient? _client;

    protected override Task<IDictionaryIndex> CreateIndexAsync()
    {
        _client = ElasticsearchClientFactory.Create(OptionsFromEnvironment());
        return Task.FromResult<IDictionaryIndex>(new ElasticsearchDictionaryIndex(_client, _alias));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_client is null) return;
        // Wildcard deletes are refused by default (action.destructive_requires_name): list, then delete by name.
        var indexes = await _client.Indices.GetAsync(new GetIndexRequest($"{_alias}-*") { AllowNoIndices = true, IgnoreUnavailable = true });
        if (indexes.IsValidResponse && indexes.Indices.Count > 0)
        {
            var deleted = await _client.Indices.DeleteAsync(new DeleteIndexRequest(string.Join(',', indexes.Indices.Keys)));
            Assert.True(deleted.IsValidResponse, $"could not delete the test indexes of {_alias}: {deleted.DebugInformation}");
        }
    }

    private ElasticsearchOptions OptionsFromEnvironment()
    {
        var url = new Uri(Environment.GetEnvironmentVariable(UrlVariable)!);
        var options = new ElasticsearchOptions
        {
            Url = new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString(),
            Alias = _alias,
            ApiKey = Environment.GetEnvironmentVariable("MESHPORTAL_TEST_ELASTICSEARCH_API_KEY"),
            CertificateFingerprint = Environment.GetEnvironmentVariable("MESHPORTAL_TEST_ELASTICSEARCH_FINGERPRINT"),
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            options.Username = Uri.UnescapeDataString(parts[0]);
            options.Password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return options;
    }
}

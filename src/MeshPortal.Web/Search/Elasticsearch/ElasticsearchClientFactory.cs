using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>Builds the cluster client from `MeshPortal:Search:Elasticsearch`. Nothing connects until the first request.</summary>
public static class ElasticsearchClientFactory
{
    public static ElasticsearchClient Create(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = SearchOptions.Section + ":Elasticsearch";
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{section}:Url must be the cluster's http(s) URL, e.g. https://search.example.internal:9200 (got '{options.Url}').");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidOperationException($"{section}:Url must not carry credentials; set ApiKey, or Username and Password.");
        if (string.IsNullOrWhiteSpace(options.Username) && !string.IsNullOrEmpty(options.Password))
            throw new InvalidOperationException($"{section}:Password is set without a Username.");
        if (options.RequestTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException($"{section}:RequestTimeout must be positive.");

        var settings = new ElasticsearchClientSettings(uri).RequestTimeout(options.RequestTimeout);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            settings = settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrWhiteSpace(options.Username))
            settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint))
            settings = settings.CertificateFingerprint(options.CertificateFingerprint);
        return new ElasticsearchClient(settings);
    }
}

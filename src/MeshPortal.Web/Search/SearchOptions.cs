namespace MeshPortal.Web.Search;

/// <summary>`MeshPortal:Search`: Lucene in the data folder unless Elasticsearch is configured.</summary>
public sealed class SearchOptions
{
    public const string Section = "MeshPortal:Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;
    public ElasticsearchOptions Elasticsearch { get; set; } = new();
}

public enum SearchProvider
{
    Lucene,
    Elasticsearch,
}

public sealed class ElasticsearchOptions
{
    /// <summary>Cluster URL, e.g. https://search.example.internal:9200.</summary>
    public string? Url { get; set; }
    /// <summary>An API key (preferred) — or Username and Password.</summary>
    public string? ApiKey { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>SHA-256 fingerprint of the cluster's CA, for self-signed certificates.</summary>
    public string? CertificateFingerprint { get; set; }
    /// <summary>The alias searches go through; indexes are named "&lt;alias&gt;-&lt;timestamp&gt;" behind it.</summary>
    public string Alias { get; set; } = "meshportal-dictionary";
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

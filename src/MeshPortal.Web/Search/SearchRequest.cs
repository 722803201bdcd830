namespace MeshPortal.Web.Search;

/// <summary>A dictionary query: free text plus exact-keyword filters; every filter narrows (AND).</summary>
public sealed record SearchRequest
{
    public const int MaxQueryLength = 256;
    public const int MaxPageSize = 100;

    public string? Text { get; init; }
    public string? Type { get; init; }
    public string? Domain { get; init; }
    public string? Tier { get; init; }
    public string? Tag { get; init; }
    public string? Classification { get; init; }
    public string? Status { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    /// <summary>The facets every search counts, in display order; also the filter names.</summary>
    public static readonly string[] Facets = ["type", "domain", "tier", "tag", "classification", "status"];

    public IEnumerable<(string Facet, string Value)> Filters()
    {
        if (!string.IsNullOrWhiteSpace(Type)) yield return ("type", Type);
        if (!string.IsNullOrWhiteSpace(Domain)) yield return ("domain", Domain);
        if (!string.IsNullOrWhiteSpace(Tier)) yield return ("tier", Tier);
        if (!string.IsNullOrWhiteSpace(Tag)) yield return ("tag", Tag);
        if (!string.IsNullOrWhiteSpace(Classification)) yield return ("classification", Classification);
        if (!string.IsNullOrWhiteSpace(Status)) yield return ("status", Status);
    }
}

public sealed record SearchHit(
    string Type,
    string Id,
    string Title,
    string? Domain,
    string? Quantum,
    string? Path,
    string Url,
    IReadOnlyList<string> Highlights,
    double Score,
    string? ContractId = null,
    string? ContractVersion = null,
    string? LogicalType = null,
    string? PhysicalType = null,
    string? Tier = null,
    string? Status = null,
    string? Classification = null);

public sealed record FacetValue(string Value, long Count);

public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? Notice = null);

public sealed record Suggestion(string Text, string Type, string Url, string? Context);

/// <summary>A query the backend cannot run (bad syntax that could not be repaired): answered 400 with this message.</summary>
public sealed class SearchQueryException(string message) : Exception(message);

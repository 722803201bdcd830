using MeshPortal.Web.Search;

namespace MeshPortal.Web.Components.Search;

/// <summary>Addresses of catalog searches and of what a hit points at. The address is the search, so it can be shared.</summary>
public static class CatalogLinks
{
    public const string Catalog = "/catalog";
    public const string Admin = "/catalog/admin";

    /// <summary>The catalog page showing <paramref name="request"/> (text, filters and page; the page size is the page's own).</summary>
    public static string For(SearchRequest request)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.Text)) parts.Add("q=" + E(request.Text.Trim()));
        foreach (var (facet, value) in request.Filters()) parts.Add($"{facet}={E(value)}");
        if (request.Page > 1) parts.Add("page=" + request.Page);
        return parts.Count == 0 ? Catalog : Catalog + "?" + string.Join('&', parts);
    }

    public static string Text(string text) => For(new SearchRequest { Text = text });

    public static string Filter(string facet, string value) => For(CatalogQuery.With(new SearchRequest(), facet, value));

    /// <summary>The page of a quantum known by its "domain/slug" (what the dictionary stores on every entry).</summary>
    public static string? Quantum(string? domainAndSlug)
    {
        var slash = domainAndSlug?.IndexOf('/') ?? -1;
        if (slash <= 0 || slash == domainAndSlug!.Length - 1) return null;
        return $"/domains/{E(domainAndSlug[..slash])}/quanta/{E(domainAndSlug[(slash + 1)..])}";
    }

    public static string Domain(string slug) => "/domains/" + E(slug);

    private static string E(string text) => Uri.EscapeDataString(text);
}

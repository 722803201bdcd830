using MeshPortal.Web.Search;

namespace MeshPortal.Web.Components.Search;

/// <summary>
/// What a user typed in the search box: words, plus "facet:value" hints ("tier:gold", "type:column") that become
/// filters, so a search can be narrowed without leaving the keyboard.
/// </summary>
public static class CatalogQuery
{
    /// <summary>Splits <paramref name="typed"/> into text and filters, on top of the filters of <paramref name="current"/>; paging restarts.</summary>
    public static SearchRequest Parse(string? typed, SearchRequest current)
    {
        var request = current with { Text = null, Page = 1 };
        var words = new List<string>();
        foreach (var word in (typed ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = word.IndexOf(':');
            var facet = colon > 0 ? word[..colon].ToLowerInvariant() : "";
            var value = colon > 0 ? word[(colon + 1)..] : "";
            if (value.Length > 0 && SearchRequest.Facets.Contains(facet) && Normalize(facet, value) is { } normalized)
                request = With(request, facet, normalized);
            else
                words.Add(word);
        }
        return request with { Text = words.Count == 0 ? null : string.Join(' ', words) };
    }

    /// <summary>The request with one filter set (or cleared when <paramref name="value"/> is null); paging restarts.</summary>
    public static SearchRequest With(SearchRequest request, string facet, string? value)
    {
        value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var changed = facet switch
        {
            "type" => request with { Type = value },
            "domain" => request with { Domain = value },
            "tier" => request with { Tier = value },
            "tag" => request with { Tag = value },
            "classification" => request with { Classification = value },
            "status" => request with { Status = value },
            _ => request,
        };
        return changed with { Page = 1 };
    }

    public static string? ValueOf(SearchRequest request, string facet) => request.Filters().FirstOrDefault(f => f.Facet == facet).Value;

    // Types are a closed list: "type:columns" means column; an unknown type stays a word.
    private static string? Normalize(string facet, string value)
    {
        if (facet != "type") return value;
        var lower = value.ToLowerInvariant();
        return DictionaryTypes.All.FirstOrDefault(t => t == lower || t + "s" == lower || (t == DictionaryTypes.Quantum && lower == "quanta"));
    }
}

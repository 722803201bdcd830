using MeshPortal.Web.Search;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>How each kind of dictionary entry looks: one icon and one name everywhere it appears.</summary>
public static class SearchTypes
{
    public static string Icon(string type) => type switch
    {
        DictionaryTypes.Domain => Icons.Material.Filled.Hub,
        DictionaryTypes.Quantum => Icons.Material.Filled.Widgets,
        DictionaryTypes.Contract => Icons.Material.Filled.Handshake,
        DictionaryTypes.Object => Icons.Material.Filled.TableChart,
        DictionaryTypes.Column => Icons.Material.Filled.ViewColumn,
        _ => Icons.Material.Filled.Article,
    };

    public static string Label(string type) => type switch
    {
        DictionaryTypes.Domain => "Domain",
        DictionaryTypes.Quantum => "Quantum",
        DictionaryTypes.Contract => "Contract",
        DictionaryTypes.Object => "Schema object",
        DictionaryTypes.Column => "Column",
        _ => type,
    };

    public static string Plural(string type) => type switch
    {
        DictionaryTypes.Domain => "Domains",
        DictionaryTypes.Quantum => "Quanta",
        DictionaryTypes.Contract => "Contracts",
        DictionaryTypes.Object => "Schema objects",
        DictionaryTypes.Column => "Columns",
        _ => type,
    };

    /// <summary>The heading of a facet in the side panel.</summary>
    public static string FacetLabel(string facet) => facet switch
    {
        "type" => "Type",
        "domain" => "Domain",
        "tier" => "Tier",
        "tag" => "Tag",
        "classification" => "Classification",
        "status" => "Status",
        _ => facet,
    };

    /// <summary>A facet value as shown: types by their plural name, the rest as indexed.</summary>
    public static string FacetValueLabel(string facet, string value) => facet == "type" ? Plural(value) : value;
}

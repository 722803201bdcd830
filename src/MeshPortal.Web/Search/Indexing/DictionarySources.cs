namespace MeshPortal.Web.Search.Indexing;

/// <summary>The source keys that group dictionary entries by the stored entity they come from.</summary>
public static class DictionarySources
{
    public static string Domain(string slug) => "domain:" + slug;
    public static string Quantum(Guid id) => "quantum:" + id;
    public static string Contract(string id) => "contract:" + id;

    public static (string Kind, string Key) Parse(string source)
    {
        var colon = source.IndexOf(':');
        return colon < 0 ? ("", source) : (source[..colon], source[(colon + 1)..]);
    }
}

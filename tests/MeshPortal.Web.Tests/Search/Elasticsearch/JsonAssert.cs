using System.Text.Json.Nodes;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>Navigation helpers over request bodies: assertions name the path that was missing.</summary>
public static class JsonAssert
{
    /// <summary>The node at a dotted path ("mappings.properties.title"); fails naming the path when absent.</summary>
    public static JsonNode At(JsonNode node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = current is JsonObject o && o.TryGetPropertyValue(part, out var next) && next is not null
                ? next
                : throw new Xunit.Sdk.XunitException($"'{path}' is missing (stopped at '{part}') in {node.ToJsonString()}");
        }
        return current;
    }

    /// <summary>One property by its literal name (for names with dots, like "title.prefix").</summary>
    public static JsonNode Property(JsonNode node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var value) && value is not null
            ? value
            : throw new Xunit.Sdk.XunitException($"'{name}' is missing in {node.ToJsonString()}");

    public static string Text(JsonNode node, string path) => At(node, path).ToString();

    /// <summary>Every object under <paramref name="node"/> (depth first) that has a property named <paramref name="name"/>, as that property's value.</summary>
    public static IEnumerable<JsonNode> FindAll(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == name && value is not null) yield return value;
                    foreach (var found in FindAll(value, name)) yield return found;
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                foreach (var found in FindAll(item, name)) yield return found;
                break;
        }
    }

    /// <summary>The items of a query list: the client writes a one-item list as the item itself.</summary>
    public static List<JsonNode> Items(JsonNode node) => node is JsonArray a ? a.Select(n => n!).ToList() : [node];

    public static List<string> Strings(JsonNode node) => node.AsArray().Select(n => n!.ToString()).ToList();
}

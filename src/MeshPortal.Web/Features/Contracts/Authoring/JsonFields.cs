using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>
/// Writes the fields the wizard models over the node it read, so everything it does not model (servers, price,
/// authoritativeDefinitions, examples…) survives an edit untouched.
/// </summary>
internal static class JsonFields
{
    /// <summary>
    /// A new object: <paramref name="keepFirst"/> fields copied from the source, then the modelled fields in their order
    /// (a null value removes the field), then every other field of the source as it was.
    /// </summary>
    public static JsonObject Merge(JsonObject? source, IEnumerable<(string Key, JsonNode? Value)> modelled, params string[] keepFirst)
    {
        var result = new JsonObject();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keepFirst)
        {
            handled.Add(key);
            if (source?[key] is { } kept) result[key] = kept.DeepClone();
        }
        foreach (var (key, value) in modelled)
        {
            if (!handled.Add(key)) continue;
            if (value is not null) result[key] = value;
            // An empty list or object written on purpose ("schema: []") stays as it was.
            else if (source?[key] is JsonArray { Count: 0 } or JsonObject { Count: 0 }) result[key] = source[key]!.DeepClone();
        }
        foreach (var (key, value) in source ?? [])
        {
            if (!handled.Contains(key)) result[key] = value?.DeepClone();
        }
        return result;
    }

    public static JsonNode? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value.Trim());

    /// <summary>True is written; false only when the source said so explicitly (absent means false in ODCS).</summary>
    public static JsonNode? Flag(bool value, JsonObject? source, string key) =>
        value ? JsonValue.Create(true) : source?[key]?.GetValueKind() == JsonValueKind.False ? JsonValue.Create(false) : null;

    public static bool Bool(JsonObject? node, string key) => node?[key]?.GetValueKind() == JsonValueKind.True;

    public static string? String(JsonObject? node, string key) => MeshPortal.Domain.Contracts.ContractNormalizer.Text(node, key);

    public static JsonArray? Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(map(item));
        return array.Count == 0 ? null : array;
    }

    /// <summary>A number when the text is one, else the text itself (null when blank).</summary>
    public static JsonNode? NumberOrText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return TryNumber(text, out var number) ? number : JsonValue.Create(text.Trim());
    }

    public static bool TryNumber(string? text, out JsonNode? number)
    {
        number = null;
        var t = text?.Trim() ?? "";
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) number = JsonValue.Create(l);
        else if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) number = JsonValue.Create(d);
        return number is not null;
    }

    /// <summary>How a scalar reads in a text box: strings as they are, anything else as JSON.</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>
    /// A list typed as comma-separated text: entries are trimmed, <c>null</c> is a JSON null and <c>""</c> the empty string.
    /// </summary>
    public static JsonArray? ListFromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var array = new JsonArray();
        foreach (var raw in text.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            array.Add(entry switch
            {
                "null" => null,
                "\"\"" or "''" => JsonValue.Create(""),
                _ => JsonValue.Create(entry),
            });
        }
        return array.Count == 0 ? null : array;
    }

    public static string ListToText(JsonNode? node) =>
        node is JsonArray array
            ? string.Join(", ", array.Select(x => x switch
            {
                null => "null",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0 ? "\"\"" : v.GetValue<string>(),
                _ => x.ToJsonString(),
            }))
            : "";
}

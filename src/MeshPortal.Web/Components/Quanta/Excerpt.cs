using System.Text.RegularExpressions;

namespace MeshPortal.Web.Components.Quanta;

/// <summary>A short plain-text teaser of a Markdown text, for cards and lists where the full rendering would be noise.</summary>
public static partial class Excerpt
{
    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    /// <summary>Headings, quotes, list markers, fences and table rules at the start of a line.</summary>
    [GeneratedRegex(@"^\s{0,3}(?:(?:#{1,6}|>|[-+*]|\d+[.)])\s+|```\w*|[-|: ]{3,}$)", RegexOptions.Multiline)]
    private static partial Regex LineMarkers();

    [GeneratedRegex(@"[*`~]+|(?<!\w)_+|_+(?!\w)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"[\s|]+")]
    private static partial Regex Separators();

    public static string Of(string? markdown, int maxLength = 160)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = Image().Replace(markdown, "");
        text = Link().Replace(text, "$1");
        text = LineMarkers().Replace(text, "");
        text = Emphasis().Replace(text, "");
        text = Separators().Replace(text, " ").Trim();
        if (text.Length <= maxLength) return text;
        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', '.', ';', ':', ' ') + "…";
    }
}

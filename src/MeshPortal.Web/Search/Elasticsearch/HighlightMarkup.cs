using System.Net;
using System.Text;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// Highlight fragments come back HTML-encoded by the cluster with &lt;mark&gt; tags around matches. The encoded text
/// cannot contain a literal "&lt;", so every "&lt;mark&gt;" is a tag; the text between tags is decoded and encoded
/// again with one fixed rule (&amp; &lt; &gt; " and ' only), so both backends return the same markup.
/// </summary>
internal static class HighlightMarkup
{
    private const string Open = DictionarySearchRequests.MarkOpen;
    private const string Close = DictionarySearchRequests.MarkClose;

    public static string Normalize(string fragment)
    {
        var result = new StringBuilder(fragment.Length + 16);
        var position = 0;
        while (position < fragment.Length)
        {
            var open = fragment.IndexOf(Open, position, StringComparison.Ordinal);
            var close = fragment.IndexOf(Close, position, StringComparison.Ordinal);
            var next = open < 0 ? close : close < 0 ? open : Math.Min(open, close);
            if (next < 0) next = fragment.Length;
            AppendEncoded(result, fragment.AsSpan(position, next - position));
            if (next == fragment.Length) break;
            var tag = next == open ? Open : Close;
            result.Append(tag);
            position = next + tag.Length;
        }
        return result.ToString();
    }

    private static void AppendEncoded(StringBuilder result, ReadOnlySpan<char> encoded)
    {
        if (encoded.IsEmpty) return;
        foreach (var c in WebUtility.HtmlDecode(encoded.ToString()))
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                default: result.Append(c); break;
            }
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Search;

/// <summary>
/// A highlight from the dictionary: HTML-encoded text with &lt;mark&gt; tags (both backends promise this), the only
/// markup the search pages render. As a second line of defence a fragment holding any other tag is shown as text.
/// </summary>
public static class HighlightFragment
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static bool IsSafe(string fragment) => !fragment.Replace(Open, "").Replace(Close, "").Contains('<');

    /// <summary>The fragment as markup when it is only encoded text and marks; otherwise its plain text, encoded on render.</summary>
    public static RenderFragment Render(string fragment) => builder =>
    {
        if (IsSafe(fragment)) builder.AddMarkupContent(0, fragment);
        else builder.AddContent(0, PlainText(fragment));
    };

    /// <summary>What the fragment says without the marks, decoded: to compare it with a title.</summary>
    public static string PlainText(string fragment) => WebUtility.HtmlDecode(fragment.Replace(Open, "").Replace(Close, ""));
}

using Ganss.Xss;
using Markdig;

namespace MeshPortal.Web.Features.Shared;

/// <summary>
/// Markdown typed by users, rendered safe: Markdig with raw HTML disabled (it is shown as text), then the
/// output sanitized, so no script, event handler or javascript: link survives whatever the input.
/// Extensions that let Markdown set HTML attributes (generic attributes) are deliberately left out.
/// </summary>
public sealed class MarkdownRenderer
{
    public const int MaxInputLength = 100_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) _sanitizer.AllowedSchemes.Add(scheme);
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (markdown.Length > MaxInputLength) markdown = markdown[..MaxInputLength];
        return _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }
}

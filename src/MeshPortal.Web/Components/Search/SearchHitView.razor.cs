using MeshPortal.Web.Search;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Search;

public partial class SearchHitView
{
    [Parameter, EditorRequired] public SearchHit Hit { get; set; } = default!;
    /// <summary>The dialog's short form: fewer snippets, a smaller title.</summary>
    [Parameter] public bool Compact { get; set; }
    [Parameter] public string HeadingTag { get; set; } = "h3";

    private readonly string _titleId = "hit-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The highlight that is the title with its matches marked, if the backend returned one.</summary>
    private string? TitleHighlight => Hit.Highlights.FirstOrDefault(h => h.Contains("<mark>", StringComparison.Ordinal)
        && string.Equals(HighlightFragment.PlainText(h), Hit.Title, StringComparison.Ordinal));

    /// <summary>The other highlights (path, description), the ones that say why the entry matched.</summary>
    private IEnumerable<string> Snippets => Hit.Highlights.Where(h => !ReferenceEquals(h, TitleHighlight)).Take(Compact ? 1 : 3);
}

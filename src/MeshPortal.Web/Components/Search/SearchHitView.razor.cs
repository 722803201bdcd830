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
    private string? TitleHighlight => WholeFieldHighlight(Hit.Title);

    /// <summary>The highlight that is the path ("object.column") with its matches marked.</summary>
    private string? PathHighlight => WholeFieldHighlight(Hit.Path);

    /// <summary>The other highlights (mostly the description): the ones that say why the entry matched.</summary>
    private IEnumerable<string> Snippets => Hit.Highlights
        .Where(h => !ReferenceEquals(h, TitleHighlight) && !ReferenceEquals(h, PathHighlight))
        .Take(Compact ? 1 : 3);

    private string? WholeFieldHighlight(string? field) => field is null ? null : Hit.Highlights.FirstOrDefault(h =>
        h.Contains("<mark>", StringComparison.Ordinal) && string.Equals(HighlightFragment.PlainText(h), field, StringComparison.Ordinal));
}

using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Quanta;

public partial class PortsEditor
{
    [Inject] private QuantumService Quanta { get; set; } = default!;

    [Parameter, EditorRequired] public List<PortRow> Rows { get; set; } = [];
    [Parameter] public IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();
    /// <summary>The quantum being edited, which cannot read its own output.</summary>
    [Parameter] public Guid? SelfId { get; set; }

    private bool Has(string key) => Errors.ContainsKey(key);
    private string? Err(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static IEnumerable<string> KindsOf(string direction) =>
        EnumText.TryParse<PortDirection>(direction, out var d) ? PortKinds.ByDirection[d] : [];

    private void Add(PortDirection direction) => Rows.Add(PortRow.ForDirection(direction));

    private static void OnDirectionChanged(PortRow row, string direction)
    {
        row.Direction = direction;
        if (!KindsOf(direction).Contains(row.Kind)) row.Kind = KindsOf(direction).FirstOrDefault() ?? "";
    }

    private static void OnUpstreamChanged(PortRow row, UpstreamOption? option)
    {
        row.Upstream = option;
        row.UpstreamQuantumId = option?.Id;
        row.UpstreamPort = option?.Outputs.Count == 1 ? option.Outputs[0] : option?.Outputs.Contains(row.UpstreamPort ?? "") == true ? row.UpstreamPort : null;
    }

    private async Task<IEnumerable<UpstreamOption>> SearchUpstreamsAsync(string? text, CancellationToken ct)
    {
        var page = await Quanta.QueryAsync(new QuantumQuery(Text: text, PageSize: 20), ct);
        return page.Items.Where(q => q.Id != SelfId).Select(UpstreamOption.Of).Where(o => o.Outputs.Count > 0);
    }
}

using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Onboarding;

public partial class RowsTable
{
    [Inject] private QuantumDataService Data { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }
    [Parameter, EditorRequired] public string ObjectName { get; set; } = "";
    /// <summary>The layers offered, preferred first (gold before silver).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Layer> Layers { get; set; } = [];
    [Parameter, EditorRequired] public string TestId { get; set; } = "rows";
    [Parameter] public string Label { get; set; } = "Rows";
    [Parameter] public string Empty { get; set; } = "No rows.";
    [Parameter] public int PageSize { get; set; } = 100;
    /// <summary>The schema rows of the object, to tell why a column is masked.</summary>
    [Parameter] public IReadOnlyList<SchemaComparisonRow> Schema { get; set; } = [];
    /// <summary>The quarantine: the source line and the reasons come first and stand out.</summary>
    [Parameter] public bool Reasons { get; set; }
    /// <summary>Changes when new data was published, to reload.</summary>
    [Parameter] public Guid? DataVersion { get; set; }

    private Layer _layer;
    private long _offset;
    private TablePage? _page;
    private bool _loading;
    private string? _error;
    private (string, Guid?, string)? _loadedFor;
    /// <summary>The columns shown, in order: the source line and the reasons first, the load bookkeeping left out.</summary>
    private List<int> _order = [];

    private string RangeText => _page switch
    {
        null => "",
        { Total: 0 } => "No rows",
        var p => $"Rows {OnboardingText.Count(_offset + 1)}–{OnboardingText.Count(_offset + p.Rows.Count)} of {OnboardingText.Count(p.Total)}",
    };

    protected override async Task OnParametersSetAsync()
    {
        var key = (ObjectName, DataVersion, string.Join(',', Layers));
        if (_loadedFor == key) return;
        _loadedFor = key;
        if (!Layers.Contains(_layer) || _page is null) _layer = Layers.Count > 0 ? Layers[0] : Layer.Silver;
        _offset = 0;
        await LoadAsync();
    }

    private async Task OnLayerChanged(Layer layer)
    {
        _layer = layer;
        _offset = 0;
        await LoadAsync();
    }

    private async Task GoAsync(long offset)
    {
        _offset = Math.Max(0, offset);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                _error = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await Data.PageAsync(caller, QuantumId, _layer, ObjectName, PageSize, _offset);
            if (result.Succeeded)
            {
                _page = result.Value!;
                _order = Order(_page.Columns);
            }
            else
            {
                _page = null;
                _error = result.Message ?? string.Join(" ", result.Errors.Values.SelectMany(m => m));
            }
        }
        finally
        {
            _loading = false;
        }
    }

    private static readonly HashSet<string> LoadColumns = new(["_run_id", "_loaded_at", "_row_number"], StringComparer.OrdinalIgnoreCase);

    private List<int> Order(IReadOnlyList<string> columns)
    {
        var all = Enumerable.Range(0, columns.Count).ToList();
        var line = Reasons ? all.Where(i => columns[i].Equals("_row_number", StringComparison.OrdinalIgnoreCase)) : [];
        var reasons = all.Where(i => IsReason(columns[i]));
        var data = all.Where(i => !LoadColumns.Contains(columns[i]) && !IsReason(columns[i]));
        return [.. line, .. reasons, .. data];
    }

    /// <summary>The quarantine's column(s) saying why a row was refused, whatever the engine names them.</summary>
    private bool IsReason(string column) =>
        Reasons && column.StartsWith('_') && (column.Contains("reason", StringComparison.OrdinalIgnoreCase) || column.Contains("error", StringComparison.OrdinalIgnoreCase));

    private string Heading(string column) => column switch
    {
        "_row_number" => "source line",
        _ when IsReason(column) => "why quarantined",
        _ => column,
    };

    private string MaskReason(string column) =>
        Schema.FirstOrDefault(s => s.Name == column)?.Classification is { Length: > 0 } c
            ? $"{column} is classified {c}: masked for everyone outside the domain's team. Ask the owner for access."
            : $"{column} is masked for you by the contract's classification. Ask the owner for access.";
}

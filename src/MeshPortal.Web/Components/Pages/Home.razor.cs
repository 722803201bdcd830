using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Components.Jobs;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages;

/// <summary>Search first, then the mesh at a glance: counts, tiers, the newest quanta and the domains.</summary>
public partial class Home
{
    private sealed record Stat(string Key, string Label, int Value, string Icon, string Href);

    private const int NewestShown = 6;

    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private JobRunsService Jobs { get; set; } = default!;

    private string _search = "";
    private bool _loading = true;
    private bool _canRegister;
    private int _totalQuanta;
    private List<Stat> _stats = [];
    private List<DomainDto> _domains = [];
    private IReadOnlyList<QuantumDto> _newest = [];
    private List<ChartSeries<double>> _tierSeries = [];
    private string[] _tierLabels = [];
    private Dictionary<string, int> _tierCounts = [];
    private JobFigures? _runs;
    private bool _ownRuns;
    private readonly ChartOptions _chartOptions = new() { ChartPalette = ["#8c4a1c", "#7b8794", "#c79a00"] };

    private string TierSummary => string.Join(", ", _tierCounts.Select(t => $"{t.Value} {t.Key}"));

    protected override async Task OnInitializedAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        _canRegister = caller is not null && (caller.IsPlatformAdmin || caller.DomainRoles.Count > 0);
        _domains = await Domains.ListAsync();
        var all = await Quanta.QueryAsync(new QuantumQuery(PageSize: NewestShown, Sort: "newest"));
        _totalQuanta = all.Total;
        _newest = all.Items;
        var active = await CountAsync(new QuantumQuery(Status: "active"));
        foreach (var tier in Enum.GetValues<Tier>())
            _tierCounts[EnumText.Of(tier)] = await CountAsync(new QuantumQuery(Tier: EnumText.Of(tier)));

        _stats =
        [
            new("domains", "domains", _domains.Count, Icons.Material.Filled.Hub, "/domains"),
            new("quanta", "quanta", _totalQuanta, Icons.Material.Filled.Widgets, "/quanta"),
            new("active", "active quanta", active, Icons.Material.Filled.CheckCircle, "/quanta?status=active"),
            new("gold", "gold quanta", _tierCounts["gold"], Icons.Material.Filled.WorkspacePremium, "/quanta?tier=gold"),
        ];
        if (caller is not null)
        {
            // Members hear about their own domains' runs; everyone else about the mesh's.
            _ownRuns = caller.DomainRoles.Count > 0;
            _runs = await Jobs.FiguresAsync(caller, new JobRunFilter(MyDomains: _ownRuns));
        }
        _tierLabels = _tierCounts.Keys.ToArray();
        _tierSeries = [new ChartSeries<double> { Name = "Quanta", Data = new ChartData<double>(_tierCounts.Values.Select(v => (double)v).ToList()) }];
        _loading = false;
    }

    /// <summary>Runs that failed in the last day, and those under way: said under the figures only when there are some.</summary>
    private string? RunsText
    {
        get
        {
            if (_runs is not { } runs || runs.FailedLastDay + runs.Running + runs.Queued == 0) return null;
            var whose = _ownRuns ? " of your domains" : "";
            var parts = new List<string>();
            if (runs.FailedLastDay > 0) parts.Add($"{runs.FailedLastDay} {(runs.FailedLastDay == 1 ? "run" : "runs")}{whose} failed in the last 24 hours.");
            if (runs.Running + runs.Queued > 0) parts.Add($"{runs.Running} running and {runs.Queued} queued now{(runs.FailedLastDay > 0 ? "" : whose)}.");
            return string.Join(" ", parts);
        }
    }

    private string RunsHref => JobRunLinks.Href(new JobRunFilter(
        Status: _runs?.FailedLastDay > 0 ? JobStatusFilter.Failed : JobStatusFilter.Active, MyDomains: _ownRuns));

    private async Task<int> CountAsync(QuantumQuery query) => (await Quanta.QueryAsync(query with { PageSize = 1 })).Total;

    private void OnSearchKeyDown(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter") Search();
    }

    private void Search()
    {
        var text = _search.Trim();
        Navigation.NavigateTo(text.Length == 0 ? "/catalog" : $"/catalog?q={Uri.EscapeDataString(text)}");
    }
}

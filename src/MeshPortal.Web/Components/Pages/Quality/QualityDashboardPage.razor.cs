using MeshPortal.Web.Components.Quality;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quality;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Quality;

/// <summary>
/// The quality dashboards: the whole mesh (the chief data officer's view) at /quality, one domain at /quality/{domain}.
/// Overall score, score by domain and tier, the trend, the quanta failing their contracts, the stale ones, and every quantum
/// sortable by score, each linking to its Quality tab.
/// </summary>
public partial class QualityDashboardPage
{
    [Inject] private QualityService Quality { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter] public string? Domain { get; set; }

    private List<DomainDto> _domains = [];
    private QualityDashboard? _dashboard;
    private bool _loading = true;
    private bool _domainFound;

    private DateTimeOffset Now => Clock.GetUtcNow();

    private string? DomainName => Domain is null ? null : _domains.FirstOrDefault(d => d.Slug == Domain)?.Name ?? Domain;

    private IReadOnlyList<QuantumQualityRow> Checked => _dashboard?.Quanta.Where(q => q.Score is not null).ToList() ?? [];
    private int Unchecked => (_dashboard?.Quanta.Count ?? 0) - Checked.Count;
    private IReadOnlyList<QuantumQualityRow> Failing => _dashboard?.Quanta.Where(q => q.FailsContract).OrderBy(ScoreOrder).ToList() ?? [];
    private IReadOnlyList<QuantumQualityRow> Stale => _dashboard?.Quanta.Where(q => q.Stale).OrderBy(q => q.LastLoadAt ?? DateTimeOffset.MinValue).ToList() ?? [];

    private List<BreadcrumbItem> Breadcrumbs => Domain is null
        ? [new("Home", "/"), new("Quality", null, disabled: true)]
        : [new("Home", "/"), new("Quality", QualityLinks.Dashboard()), new(DomainName ?? Domain, null, disabled: true)];

    protected override async Task OnInitializedAsync() => _domains = await Domains.ListAsync();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _domainFound = Domain is null || _domains.Any(d => d.Slug == Domain);
        _dashboard = _domainFound ? await Quality.DashboardAsync(Domain) : null;
        _loading = false;
    }

    private string DomainText(string? slug) =>
        string.IsNullOrEmpty(slug) ? "Whole mesh" : _domains.FirstOrDefault(d => d.Slug == slug)?.Name ?? slug;

    private void GoToDomain(string? slug) => Navigation.NavigateTo(QualityLinks.Dashboard(string.IsNullOrEmpty(slug) ? null : slug));

    /// <summary>Lowest score first, quanta without a score last.</summary>
    private static double ScoreOrder(QuantumQualityRow row) => row.Score ?? double.MaxValue;

    private static int TierOrder(string tier) => tier switch
    {
        "gold" => 3,
        "silver" => 2,
        "bronze" => 1,
        _ => 0,
    };
}

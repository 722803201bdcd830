using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Quanta;

/// <summary>The list of quanta. Its filters live in the query string: the address is the view, so it can be shared and bookmarked.</summary>
public partial class QuantaList
{
    private const int PageSize = 25;

    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "domain")] public string? Domain { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "tier")] public string? Tier { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] public string? Tag { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Quanta", null, disabled: true)];
    private List<DomainDto> _domains = [];
    private Page<QuantumDto>? _page;
    private bool _loading;
    private bool _canRegister;

    private bool HasFilters => new[] { Q, Domain, Status, Tier, Tag }.Any(v => !string.IsNullOrWhiteSpace(v));
    private int PageCount => _page is null ? 0 : Math.Max(1, (int)Math.Ceiling(_page.Total / (double)_page.PageSize));

    protected override async Task OnInitializedAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        _canRegister = caller is not null && (caller.IsPlatformAdmin || caller.DomainRoles.Count > 0);
        _domains = await Domains.ListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _page = await Quanta.QueryAsync(new QuantumQuery(Domain, Status, Tier, Tag, Text: Q, Page: PageNumber, PageSize: PageSize));
        _loading = false;
    }

    private string DomainText(string? slug) =>
        string.IsNullOrEmpty(slug) ? "All domains" : _domains.FirstOrDefault(d => d.Slug == slug)?.Name ?? slug;

    /// <summary>Changes one filter by navigating, so the address always describes what is shown; paging restarts.</summary>
    private Task ApplyAsync(string name, string? value)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [name] = string.IsNullOrWhiteSpace(value) ? null : value.Trim(),
            ["page"] = null,
        }));
        return Task.CompletedTask;
    }

    private Task GoToPageAsync(int page)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("page", page <= 1 ? null : (int?)page));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("/quanta");
        return Task.CompletedTask;
    }
}

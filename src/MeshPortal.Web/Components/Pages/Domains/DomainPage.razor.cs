using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Domains;

public partial class DomainPage
{
    private const int QuantaShown = 50;

    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    [Parameter] public string Slug { get; set; } = "";

    private DomainDto? _domain;
    private Page<QuantumDto>? _quanta;
    private bool _loading = true;
    private bool _canEdit;
    private bool _canManage;

    private string RegisterHref => $"/quanta/new?domain={Uri.EscapeDataString(Slug)}";

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Home", "/"),
        new("Domains", "/domains"),
        new(_domain?.Name ?? Slug, null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _domain = await Domains.GetAsync(Slug);
        if (_domain is not null)
        {
            var caller = await CurrentCaller.GetAsync();
            var id = await Domains.IdOfAsync(Slug);
            _canEdit = caller is not null && id is { } d && caller.CanEditIn(d);
            _canManage = caller is not null && id is { } m && caller.CanManageMembersOf(m);
            _quanta = await Quanta.QueryAsync(new QuantumQuery(Domain: Slug, PageSize: QuantaShown));
        }
        _loading = false;
    }

    private async Task OnDomainChanged(DomainDto domain)
    {
        _domain = domain;
        // A role change may be the caller's own.
        var caller = await CurrentCaller.GetAsync();
        var id = await Domains.IdOfAsync(Slug);
        _canEdit = caller is not null && id is { } d && caller.CanEditIn(d);
        _canManage = caller is not null && id is { } m && caller.CanManageMembersOf(m);
    }
}

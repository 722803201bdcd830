using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>One contract version, readable: the effective contract, its YAML, who serves and consumes it, and children left behind.</summary>
public partial class ContractVersionPage
{
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";
    [Parameter] public string Version { get; set; } = "";

    private ContractVersionDto? _version;
    private NormalizedContract? _normalized;
    private List<ChildDto> _behind = [];
    private string? _previous;
    private bool _loading = true;
    private bool _canEdit;

    private bool IsDraft => _version?.Status is "draft" or "proposed";

    private object? PortsBadge => _version is null || _version.ServedBy.Count + _version.Consumers.Count == 0 ? null : _version.ServedBy.Count + _version.Consumers.Count;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Home", "/"), new("Contracts", "/contracts"),
        new(_version?.Name ?? Id, Components.Contracts.ContractLinks.Contract(Id)), new(Version, null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _version = await Catalog.GetVersionAsync(Id, Version);
        _normalized = _version is null ? null : ContractNormalizer.Normalize(_version.Effective);
        if (_version is not null)
        {
            _behind = await Catalog.ChildrenBehindAsync(Id, Version);
            var contract = await Catalog.GetAsync(Id);
            // Versions are listed newest first: the previous one is the next in the list.
            _previous = contract?.Versions.SkipWhile(v => v.Version != Version).Skip(1).FirstOrDefault()?.Version;
            var caller = await CurrentCaller.GetAsync();
            _canEdit = caller is not null && contract is not null && await Domains.IdOfAsync(contract.Domain) is { } d && caller.CanEditIn(d);
        }
        _loading = false;
    }
}

using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>Every contract of the mesh, filtered by domain and text from the address, with the ways to add one.</summary>
public partial class ContractList
{
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "domain")] public string? Domain { get; set; }

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Contracts", null, disabled: true)];
    private List<DomainDto> _domains = [];
    private List<ContractSummaryDto>? _contracts;
    private bool _canAuthor;

    private bool HasFilters => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Domain);
    private string NewHref => string.IsNullOrWhiteSpace(Domain) ? "/contracts/new" : $"/contracts/new?domain={Uri.EscapeDataString(Domain)}";

    protected override async Task OnInitializedAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        _canAuthor = caller is not null && (caller.IsPlatformAdmin || caller.DomainRoles.Count > 0);
        _domains = await Domains.ListAsync();
    }

    protected override async Task OnParametersSetAsync() => _contracts = await Catalog.ListAsync(Domain, Q);

    private string DomainText(string? slug) =>
        string.IsNullOrEmpty(slug) ? "All domains" : _domains.FirstOrDefault(d => d.Slug == slug)?.Name ?? slug;

    private Task ApplyAsync(string name, string? value)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, string.IsNullOrWhiteSpace(value) ? null : value.Trim()));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("/contracts");
        return Task.CompletedTask;
    }

    private async Task UploadAsync()
    {
        var parameters = new DialogParameters<UploadContractDialog> { { x => x.InitialDomain, Domain } };
        var dialog = await Dialogs.ShowAsync<UploadContractDialog>("Upload a contract", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: ImportResultDto imported })
            Navigation.NavigateTo(ContractLinks.Version(imported.Id, imported.Version));
    }
}

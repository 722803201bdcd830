using MeshPortal.Web.Components.Domains;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Domains;

public partial class DomainList
{
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Domains", null, disabled: true)];
    private List<DomainDto>? _domains;
    private bool _canAdminister;

    protected override async Task OnInitializedAsync()
    {
        _canAdminister = (await CurrentCaller.GetAsync())?.CanAdministerDomains == true;
        _domains = await Domains.ListAsync();
    }

    private async Task NewDomainAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewDomainDialog>("New domain", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: DomainDto created })
        {
            Snackbar.Add($"Created the {created.Name} domain. Add its team next.", Severity.Success);
            Navigation.NavigateTo($"/domains/{created.Slug}");
        }
    }
}

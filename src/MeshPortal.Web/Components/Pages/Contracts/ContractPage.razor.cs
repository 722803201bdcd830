using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>One contract: its versions with what the caller may do to each, who serves and consumes it, who extends it.</summary>
public partial class ContractPage
{
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private ContractAuthoring Authoring { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";

    private ContractDto? _contract;
    private bool _loading = true;
    private bool _canEdit;
    private bool _canOwn;
    private bool _canAuthor;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;
    private string? _refusal;
    private DiffDto? _blocking;
    private IReadOnlyDictionary<string, string[]> _refusalErrors = new Dictionary<string, string[]>();
    private string? _fixHref;
    private string? _compareFrom;
    private string? _compareTo;

    private ContractVersionSummaryDto? Active => _contract?.Versions.FirstOrDefault(v => v.Status == "active");

    private string? CompareHref => _contract is not null && _compareFrom is not null && _compareTo is not null && _compareFrom != _compareTo
        ? ContractLinks.Diff(_contract.Id, _compareFrom, _compareTo) : null;

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Home", "/"), new("Contracts", "/contracts"), new(_contract?.Name ?? Id, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _message = null;
        _refusal = null;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _contract = await Catalog.GetAsync(Id);
        if (_contract is null) return;
        var caller = await CurrentCaller.GetAsync();
        var domainId = await Domains.IdOfAsync(_contract.Domain);
        // The services decide again on every write; this only hides what would be refused.
        _canEdit = caller is not null && domainId is { } d && caller.CanEditIn(d);
        _canOwn = caller is not null && domainId is { } o && caller.OwnsDomain(o);
        _canAuthor = caller is not null && (caller.IsPlatformAdmin || caller.DomainRoles.Count > 0);
        // Default comparison: the previous version against the newest.
        _compareTo ??= _contract.Versions.FirstOrDefault()?.Version;
        _compareFrom ??= _contract.Versions.Skip(1).FirstOrDefault()?.Version;
    }

    private async Task RunAsync(VersionAction action)
    {
        if (_contract is null || _busy) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync($"{action.Verb} {_contract.Name} {action.Version}?", action.Consequence,
            yesText: action.Verb, cancelText: "Cancel");
        if (confirmed != true) return;

        _busy = true;
        _message = null;
        _refusal = null;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            if (action.Kind == "delete")
            {
                await DeleteAsync(caller, action.Version);
                return;
            }
            var result = action.Kind switch
            {
                "publish" => await Authoring.PublishAsync(caller, _contract.Id, action.Version),
                "deprecate" => await Authoring.ChangeStatusAsync(caller, _contract.Id, action.Version, "deprecated"),
                "retire" => await Authoring.ChangeStatusAsync(caller, _contract.Id, action.Version, "retired"),
                _ => await Authoring.ChangeStatusAsync(caller, _contract.Id, action.Version, "active"),
            };
            if (result.Succeeded)
            {
                Snackbar.Add($"{_contract.Name} {action.Version} is now {result.Value!.Status}.", Severity.Success);
                await LoadAsync();
            }
            else if (action.Kind == "publish" && result.Status == OperationStatus.Unprocessable)
            {
                _refusal = result.Message ?? "Publishing was refused.";
                _blocking = result.Details as DiffDto;
                _refusalErrors = result.Errors;
                _fixHref = _canEdit ? ContractLinks.Wizard(_contract.Id, action.Version) : null;
            }
            else
            {
                Show(result.Message ?? string.Join(" ", result.Errors.Values.SelectMany(m => m)));
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(Domain.Identity.Caller caller, string version)
    {
        var result = await Authoring.DeleteDraftAsync(caller, _contract!.Id, version);
        if (!result.Succeeded)
        {
            Show(result.Message ?? "The draft was not deleted.");
            return;
        }
        Snackbar.Add($"Draft {version} deleted.", Severity.Success);
        if (_contract.Versions.Count == 1)
        {
            Navigation.NavigateTo("/contracts");
            return;
        }
        await LoadAsync();
    }

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }
}

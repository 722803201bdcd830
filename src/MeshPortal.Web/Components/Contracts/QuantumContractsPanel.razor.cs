using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Contracts;

/// <summary>
/// The Contracts tab of a quantum: the version each output port serves (the domain's members bind them) and the
/// versions its input ports rely on, flagged when the producer deprecated or retired them.
/// </summary>
public partial class QuantumContractsPanel
{
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private ContractAuthoring Authoring { get; set; } = default!;
    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }

    private QuantumDto? _quantum;
    private List<PortBindingDto> _bindings = [];
    private List<BoundPortDto> _outdated = [];
    private List<ContractSummaryDto> _domainContracts = [];
    private bool _loading = true;
    private bool _canEdit;
    private bool _busy;
    private string? _editing;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;

    private List<PortBindingDto> Outputs => _bindings.Where(b => b.Direction == "output").ToList();
    private List<PortBindingDto> Inputs => _bindings.Where(b => b.Direction == "input").ToList();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _quantum = await Quanta.GetAsync(QuantumId);
        if (_quantum is null) return;
        _bindings = await Catalog.PortBindingsAsync(QuantumId);
        _outdated = (await Catalog.OutdatedBindingsAsync(QuantumId)).Where(b => b.Direction == "input").ToList();
        var caller = await CurrentCaller.GetAsync();
        _canEdit = caller is not null && await Domains.IdOfAsync(_quantum.Domain) is { } domainId && caller.CanEditIn(domainId);
        _domainContracts = _canEdit ? await Catalog.ListAsync(_quantum.Domain) : [];
    }

    private string UpstreamName(PortBindingDto port) =>
        _quantum?.Ports.FirstOrDefault(p => p.Direction == "input" && p.Name == port.Port)?.UpstreamQuantum ?? "the upstream quantum";

    private async Task BindAsync(string port, BindingInput binding)
    {
        if (_busy) return;
        _busy = true;
        _message = null;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var result = await Authoring.BindPortAsync(caller, QuantumId, PortDirection.Output, port, binding);
            if (!result.Succeeded)
            {
                Show(result.Message is { } m && result.Errors.Count == 0 ? m : string.Join(" ", result.Errors.Values.SelectMany(x => x)));
                return;
            }
            Snackbar.Add(binding.ContractId is null ? $"Port {port} no longer serves a contract." : $"Port {port} now serves {binding.ContractId} {binding.Version}.", Severity.Success);
            _editing = null;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UploadAsync()
    {
        var parameters = new DialogParameters<UploadContractDialog> { { x => x.InitialQuantumId, QuantumId } };
        var dialog = await Dialogs.ShowAsync<UploadContractDialog>("Upload a contract", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: ImportResultDto imported })
        {
            Snackbar.Add($"Imported {imported.Id} {imported.Version}.", Severity.Success);
            await LoadAsync();
        }
    }

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }
}

using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Quanta;

/// <summary>One quantum: what it is, who owns it, its ports and neighbours, and the actions the caller may take.</summary>
public partial class QuantumPage
{
    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public Guid? Id { get; set; }
    [Parameter] public string? DomainSlug { get; set; }
    [Parameter] public string? QuantumSlug { get; set; }
    /// <summary>The tab to open: ?tab=quality links straight to the Quality tab.</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    /// <summary>The tabs in their order on the page, by the name ?tab= takes.</summary>
    private static readonly string[] Tabs = ["overview", "ports", "contracts", "data", "quality", "lineage"];

    private QuantumDto? _quantum;
    private List<ConsumerDto> _consumers = [];
    private int _tabIndex;
    private string? _shownTab;
    private bool _loading = true;
    private bool _canEdit;
    private bool _canChangeStatus;
    private bool _busy;
    private bool _stale;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;

    private object? PortsBadge => _quantum is { Ports.Count: > 0 } q ? q.Ports.Count : null;

    private IReadOnlyList<QuantumStatus> NextStatuses =>
        _quantum is not null && EnumText.TryParse<QuantumStatus>(_quantum.Status, out var current) ? Lifecycle.NextStatuses(current) : [];

    private List<BreadcrumbItem> Breadcrumbs => _quantum is null
        ? [new("Home", "/"), new("Quanta", "/quanta"), new("Quantum", null, disabled: true)]
        : [new("Home", "/"), new("Domains", "/domains"), new(_quantum.DomainName, $"/domains/{_quantum.Domain}"), new(_quantum.Name, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _message = null;
        _stale = false;
        if (Tab != _shownTab)
        {
            _shownTab = Tab;
            _tabIndex = Math.Max(0, Array.IndexOf(Tabs, Tab?.ToLowerInvariant()));
        }
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _quantum = Id is { } id
            ? await Quanta.GetAsync(id)
            : DomainSlug is not null && QuantumSlug is not null ? await Quanta.GetBySlugAsync(DomainSlug, QuantumSlug) : null;
        if (_quantum is null) return;
        _consumers = await Quanta.ConsumersAsync(_quantum.Id);
        var caller = await CurrentCaller.GetAsync();
        var domainId = await Domains.IdOfAsync(_quantum.Domain);
        // The service decides again on every write; this only hides what would be refused.
        _canEdit = caller is not null && domainId is { } d && caller.CanEditIn(d);
        _canChangeStatus = caller is not null && domainId is { } o && caller.OwnsDomain(o);
    }

    /// <summary>A quality run finished on the Quality tab: the header's badge follows.</summary>
    private async Task OnQualityChangedAsync()
    {
        if (_quantum is not null && await Quanta.GetAsync(_quantum.Id) is { } fresh) _quantum = _quantum with { Quality = fresh.Quality };
    }

    private async Task ReloadAsync()
    {
        _message = null;
        _stale = false;
        await LoadAsync();
    }

    private string LifecycleVerb(QuantumStatus next) => next switch
    {
        QuantumStatus.Active when _quantum?.Status == "deprecated" => "Reactivate",
        QuantumStatus.Active => "Activate",
        QuantumStatus.Deprecated => "Deprecate",
        QuantumStatus.Retired => "Retire",
        _ => $"Move to {EnumText.Of(next)}",
    };

    private static string LifecycleIcon(QuantumStatus next) => next switch
    {
        QuantumStatus.Active => Icons.Material.Filled.CheckCircle,
        QuantumStatus.Deprecated => Icons.Material.Filled.Warning,
        QuantumStatus.Retired => Icons.Material.Filled.Archive,
        _ => Icons.Material.Filled.SwapHoriz,
    };

    private static string LifecycleConsequence(QuantumStatus next) => next switch
    {
        QuantumStatus.Active => "Consumers may rely on it from now on.",
        QuantumStatus.Deprecated => "Consumers are told to move away; it keeps serving until it is retired.",
        QuantumStatus.Retired => "This is final: a retired quantum never comes back under the same name.",
        _ => "",
    };

    private async Task ChangeStatusAsync(QuantumStatus next)
    {
        if (_quantum is null || _busy) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"{LifecycleVerb(next)} {_quantum.Name}?",
            $"It moves from {_quantum.Status} to {EnumText.Of(next)}. {LifecycleConsequence(next)}",
            yesText: LifecycleVerb(next), cancelText: "Cancel");
        if (confirmed != true) return;

        _busy = true;
        _message = null;
        _stale = false;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var result = await Quanta.ChangeStatusAsync(caller, _quantum.Id, next, _quantum.Version);
            switch (result.Status)
            {
                case OperationStatus.Ok:
                    _quantum = result.Value!;
                    Snackbar.Add($"{_quantum.Name} is now {_quantum.Status}.", Severity.Success);
                    break;
                case OperationStatus.Stale:
                    _stale = true;
                    Show("This quantum was changed by someone else since you opened it, so its status was not changed. Reload to see the latest version, then decide again.");
                    break;
                case OperationStatus.Invalid:
                    Show(string.Join(" ", result.Errors.Values.SelectMany(m => m)));
                    break;
                default:
                    Show(result.Message ?? "The status was not changed.");
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }
}

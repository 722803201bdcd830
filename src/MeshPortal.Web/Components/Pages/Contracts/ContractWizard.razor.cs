using MeshPortal.Domain.Identity;
using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Components.Contracts.Wizard;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>
/// The authoring wizard: a new contract (blank or from a template), a new version of one, a child contract, or an
/// existing draft. Leaving a step checks it and saves the draft — imported the first time, updated after with the
/// revision read — so nothing typed is lost and a step with errors cannot be left.
/// </summary>
public partial class ContractWizard
{
    private sealed record Blocked(string Title, string Text, string Action, string Href);

    private const int LastStep = (int)WizardStep.Review;

    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private ContractAuthoring Authoring { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Editing an existing draft: its contract id and version.</summary>
    [Parameter] public string? Id { get; set; }
    [Parameter] public string? Version { get; set; }
    [SupplyParameterFromQuery(Name = "domain")] public string? DomainQuery { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "extends")] public string? Extends { get; set; }
    [SupplyParameterFromQuery(Name = "version")] public string? SourceVersion { get; set; }
    [SupplyParameterFromQuery(Name = "template")] public string? Template { get; set; }

    private MudStepper? _stepper;
    private WizardContext _ctx = new() { Draft = new ContractDraft() };
    private int _activeIndex;
    private bool _loading = true;
    private bool _busy;
    private bool _stale;
    /// <summary>After a refused step, errors are rechecked as the user types, so fixed fields clear at once.</summary>
    private bool _liveCheck;
    private Blocked? _blocked;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;
    private string? _savedId;
    private string? _savedVersion;
    private int _revision;
    private string? _loadedKey;

    private bool IsEditingDraft => Id is not null && Version is not null;
    /// <summary>A contract that does not exist yet (new or child) until its first save.</summary>
    private bool IsNewContract => _savedId is null && From is null && !IsEditingDraft;

    private string Title => IsEditingDraft ? $"Edit draft {Id} {Version}"
        : From is not null ? $"New version of {From}"
        : Extends is not null ? $"New contract extending {Extends}"
        : "New data contract";

    private List<BreadcrumbItem> Breadcrumbs
    {
        get
        {
            var contractId = Id ?? From;
            return contractId is null
                ? [new("Home", "/"), new("Contracts", "/contracts"), new("New contract", null, disabled: true)]
                : [new("Home", "/"), new("Contracts", "/contracts"), new(contractId, ContractLinks.Contract(contractId)), new(IsEditingDraft ? "Edit draft" : "New version", null, disabled: true)];
        }
    }

    private bool HasError(WizardStep step) => _ctx.Errors.AnyIn(step);

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders with the same parameters after navigation events; set up once per address.
        var key = $"{Id}|{Version}|{DomainQuery}|{From}|{Extends}|{SourceVersion}|{Template}";
        if (key == _loadedKey) return;
        _loadedKey = key;
        _loading = true;
        await InitAsync();
        _loading = false;
    }

    private async Task InitAsync()
    {
        _blocked = null;
        _message = null;
        _savedId = _savedVersion = null;
        _activeIndex = 0;
        var caller = await CurrentCaller.GetAsync();
        if (IsEditingDraft) await InitEditAsync(caller, Id!, Version!);
        else if (From is not null) await InitNewVersionAsync(caller, From, SourceVersion);
        else await InitNewContractAsync(caller);
        _ctx.Changed = OnChangedAsync;
    }

    private async Task InitNewContractAsync(Caller? caller)
    {
        var domains = await AuthoringDomains.ForAsync(Domains, caller);
        if (domains.Count == 0)
        {
            _blocked = new("You are not a member of any domain yet",
                "Contracts are written by the members of the domain that owns the data. Ask a domain's data product owner to add you, or browse the contracts that exist.",
                "Browse contracts", "/contracts");
            return;
        }
        var draft = new ContractDraft();
        System.Text.Json.Nodes.JsonObject? parent = null;
        if (Extends is not null)
        {
            var parentVersion = SourceVersion is null ? null : await Catalog.GetVersionAsync(Extends, SourceVersion);
            if (parentVersion is null)
            {
                _blocked = new("The contract to extend was not found", $"There is no version {SourceVersion} of '{Extends}' to extend.", "All contracts", "/contracts");
                return;
            }
            draft = ContractDraft.ChildOf(Extends, parentVersion.Version);
            parent = parentVersion.Effective;
        }
        else if (ContractTemplates.Find(Template) is { } template)
        {
            template.Apply(draft);
        }
        _ctx = new WizardContext
        {
            Draft = draft,
            Domains = domains,
            Domain = domains.FirstOrDefault(d => d.Slug == DomainQuery)?.Slug ?? (domains.Count == 1 ? domains[0].Slug : null),
            Parent = parent,
            CanUseTemplate = Extends is null,
        };
    }

    private async Task InitNewVersionAsync(Caller? caller, string id, string? version)
    {
        var contract = await Catalog.GetAsync(id);
        var source = contract is null ? null : version is null ? contract.Versions.FirstOrDefault() : contract.Versions.FirstOrDefault(v => v.Version == version);
        var dto = source is null ? null : await Catalog.GetVersionAsync(id, source.Version);
        if (contract is null || dto is null)
        {
            _blocked = new("The version to start from was not found", $"Contract '{id}' has no version {version}.", "All contracts", "/contracts");
            return;
        }
        if (!await CanEditAsync(caller, contract.Domain))
        {
            _blocked = new("Only the domain's members write new versions", $"{contract.Name} belongs to the {contract.DomainName} domain; ask its team for the change you need.",
                "Back to the contract", ContractLinks.Contract(id));
            return;
        }
        var next = ContractDraft.NextFreeMinor(dto.Version, contract.Versions.Select(v => v.Version));
        _ctx = new WizardContext
        {
            Draft = ContractDraft.FromJson(dto.Document).AsNewVersion(next),
            IdFixed = true,
            FixedDomainName = contract.DomainName,
            Domain = contract.Domain,
            Parent = await ParentOfAsync(dto.Extends),
        };
    }

    private async Task InitEditAsync(Caller? caller, string id, string version)
    {
        var dto = await Catalog.GetVersionAsync(id, version);
        var contract = dto is null ? null : await Catalog.GetAsync(id);
        if (dto is null || contract is null)
        {
            _blocked = new("Draft not found", $"Contract '{id}' has no version {version}; it may have been renumbered or deleted.", "Go to the contract", ContractLinks.Contract(id));
            return;
        }
        if (dto.Status is not ("draft" or "proposed"))
        {
            _blocked = new($"Version {version} is {dto.Status}", "Only drafts change; a published version is immutable. Start a new version from it instead.",
                "New version from this", ContractLinks.NewVersion(id, version));
            return;
        }
        if (!await CanEditAsync(caller, contract.Domain))
        {
            _blocked = new("Only the domain's members edit its drafts", $"{contract.Name} belongs to the {contract.DomainName} domain.", "Back to the contract", ContractLinks.Contract(id));
            return;
        }
        _ctx = new WizardContext
        {
            Draft = ContractDraft.FromJson(dto.Document),
            IdFixed = true,
            FixedDomainName = contract.DomainName,
            Domain = contract.Domain,
            Parent = await ParentOfAsync(dto.Extends),
        };
        (_savedId, _savedVersion, _revision) = (id, version, dto.Revision);
    }

    private async Task<System.Text.Json.Nodes.JsonObject?> ParentOfAsync(string? extends)
    {
        var at = extends?.LastIndexOf('@') ?? -1;
        return at <= 0 ? null : (await Catalog.GetVersionAsync(extends![..at], extends[(at + 1)..]))?.Effective;
    }

    private async Task<bool> CanEditAsync(Caller? caller, string domainSlug) =>
        caller is not null && await Domains.IdOfAsync(domainSlug) is { } domainId && caller.CanEditIn(domainId);

    private async Task ReloadAsync()
    {
        if (_savedId is null || _savedVersion is null) return;
        var caller = await CurrentCaller.GetAsync();
        var index = _activeIndex;
        await InitEditAsync(caller, _savedId, _savedVersion);
        _ctx.Changed = OnChangedAsync;
        _activeIndex = index;
        _stale = false;
        _message = "Reloaded the saved draft. Apply your change again.";
        _messageSeverity = Severity.Info;
    }
}

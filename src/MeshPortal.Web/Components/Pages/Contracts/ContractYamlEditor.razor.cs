using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>The advanced editor of a draft: its authored YAML, validated as it changes, saved with the revision read.</summary>
public partial class ContractYamlEditor
{
    /// <summary>
    /// Text typed in the browser travels to the server in one message, which the circuit caps at 1 MB (see
    /// UserInterfaceExtensions; UTF-16 text may take up to twice its length); larger documents are shown read-only
    /// rather than breaking the connection — upload them instead.
    /// </summary>
    private const int MaxEditableChars = 400_000;

    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private ContractAuthoring Authoring { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";
    [Parameter] public string Version { get; set; } = "";

    private string _version = "";
    private string _text = "";
    private int _revision;
    private bool _loading = true;
    private bool _loaded;
    private bool _busy;
    private bool _stale;
    private bool _tooLarge;
    private (string Title, string Text, string Action, string Href)? _blocked;
    private DocumentFormatException? _syntax;
    private IReadOnlyDictionary<string, string[]> _problems = new Dictionary<string, string[]>();
    private IReadOnlyDictionary<string, string[]> _saveErrors = new Dictionary<string, string[]>();
    private string? _message;
    private Severity _messageSeverity = Severity.Error;

    private string ProblemCount => _problems.Values.Sum(m => m.Length) is var n && n == 1 ? "1 schema error" : $"{_problems.Values.Sum(m => m.Length)} schema errors";

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Home", "/"), new("Contracts", "/contracts"), new(Id, ContractLinks.Contract(Id)), new(Version, ContractLinks.Version(Id, Version)), new("Edit YAML", null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded && _version == Version) return;
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _blocked = null;
        _version = Version;
        var dto = await Catalog.GetVersionAsync(Id, Version);
        if (dto is null)
        {
            _blocked = ("Draft not found", $"Contract '{Id}' has no version {Version}; it may have been renumbered or deleted.", "Go to the contract", ContractLinks.Contract(Id));
            return;
        }
        if (dto.Status is not ("draft" or "proposed"))
        {
            _blocked = ($"Version {Version} is {dto.Status}", "Only drafts can be edited; a published version is immutable. Start a new version from it instead.",
                "New version from this", ContractLinks.NewVersion(Id, Version));
            return;
        }
        var caller = await CurrentCaller.GetAsync();
        if (caller is null || await Domains.IdOfAsync(dto.Domain) is not { } domainId || !caller.CanEditIn(domainId))
        {
            _blocked = ("Only the domain's members edit its drafts", $"This contract belongs to the {dto.Domain} domain.", "View the version", ContractLinks.Version(Id, Version));
            return;
        }
        _text = YamlJson.Write(dto.Document);
        _revision = dto.Revision;
        _tooLarge = _text.Length > MaxEditableChars;
        _loaded = true;
        Validate();
    }

    private void OnTextChanged(string? text)
    {
        _text = text ?? "";
        Validate();
    }

    private void Validate()
    {
        _syntax = null;
        _problems = new Dictionary<string, string[]>();
        System.Text.Json.Nodes.JsonNode? node;
        try
        {
            node = YamlJson.Parse(_text);
        }
        catch (DocumentFormatException e)
        {
            _syntax = e;
            return;
        }
        var read = ContractDocument.FromJson(node);
        if (!read.Succeeded) _problems = read.Errors;
    }

    private async Task SaveAsync()
    {
        if (_busy) return;
        _busy = true;
        _message = null;
        _saveErrors = new Dictionary<string, string[]>();
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var result = await Authoring.UpdateDraftAsync(caller, Id, _version, _text, _revision);
            if (result.Succeeded)
            {
                _revision++;
                Snackbar.Add($"Draft {result.Value!.Version} saved (revision {_revision}).", Severity.Success);
                if (result.Value.Version != _version)
                {
                    // The version number changed: the draft lives at a new address now.
                    _version = result.Value.Version;
                    Navigation.NavigateTo(ContractLinks.EditYaml(Id, _version), replace: true);
                }
                return;
            }
            _stale = result.Status == OperationStatus.Stale;
            _saveErrors = result.Errors;
            Show(_stale ? $"Not saved: {result.Message}" : $"Not saved: {result.Message ?? "the draft was refused."}");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        _stale = false;
        _message = null;
        await LoadAsync();
    }

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }
}

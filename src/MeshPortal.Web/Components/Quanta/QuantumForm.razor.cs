using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SlugRules = MeshPortal.Domain.Slug;

namespace MeshPortal.Web.Components.Quanta;

public enum QuantumFormMode
{
    Register,
    Edit,
}

public partial class QuantumForm
{
    private sealed record DomainOption(string Slug, string Name);

    private static readonly HashSet<string> PlacedFields = ["domain", "name", "slug", "description", "tier", "status", "tags", "owner", "ports"];

    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public QuantumFormMode Mode { get; set; }
    /// <summary>Edit: the quantum as read (from <see cref="QuantumService.ToInput"/>). Register: ignored.</summary>
    [Parameter] public QuantumInput? Initial { get; set; }
    /// <summary>Register: the domain to preselect (from <c>?domain=</c>).</summary>
    [Parameter] public string? InitialDomain { get; set; }
    [Parameter] public Guid? QuantumId { get; set; }
    [Parameter] public string? CancelHref { get; set; }
    /// <summary>Edit: asked to load the latest version after a concurrent change.</summary>
    [Parameter] public EventCallback OnReload { get; set; }

    private QuantumFormModel _model = new();
    /// <summary>Who may own a quantum of each domain: its members (and the caller, who may be a platform admin).</summary>
    private readonly Dictionary<string, List<PersonRef>> _owners = [];
    private PersonRef? _caller;
    private List<DomainOption> _domains = [];
    private List<string> _statusOptions = ["draft"];
    /// <summary>Register: the domains where the caller is a data product owner, the only ones where a quantum may start active.</summary>
    private readonly HashSet<string> _ownedDomains = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _message;
    private Severity _messageSeverity = Severity.Error;
    private bool _loading = true;
    private bool _saving;
    private bool _stale;
    private bool _slugTouched;
    private bool _canChangeStatus = true;

    private bool IsEdit => Mode == QuantumFormMode.Edit;

    private string SlugHelp => _slugTouched || IsEdit
        ? "Lowercase letters, digits and hyphens; part of the quantum's address."
        : "Suggested from the name; edit it to choose your own.";

    private string StatusHelp => IsEdit
        ? _canChangeStatus ? "Moves allowed from the current status." : "Only the domain's data product owners change the status."
        : _statusOptions.Contains("active") ? "Start as draft until the data is ready." : "Starts as draft; the domain's data product owners activate it.";

    protected override async Task OnInitializedAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        if (caller is not null) _caller = new PersonRef(caller.Username, caller.DisplayName, null);
        if (IsEdit) await InitEditAsync(caller);
        else await InitRegisterAsync(caller);
        await ResolveUpstreamsAsync();
        _loading = false;
    }

    private async Task InitRegisterAsync(Caller? caller)
    {
        _model = new QuantumFormModel { Owner = caller?.Username };
        if (caller is null) return;
        foreach (var domain in await Domains.ListAsync())
        {
            if (await Domains.IdOfAsync(domain.Slug) is not { } id || !caller.CanEditIn(id)) continue;
            _domains.Add(new DomainOption(domain.Slug, domain.Name));
            _owners[domain.Slug] = MembersOf(domain);
            if (caller.OwnsDomain(id)) _ownedDomains.Add(domain.Slug);
        }
        if (InitialDomain is not null && _domains.Any(d => d.Slug == InitialDomain)) _model.Domain = InitialDomain;
        else if (_domains.Count == 1) _model.Domain = _domains[0].Slug;
        else if (InitialDomain is not null && _domains.Count > 0)
        {
            _message = $"You are not a member of the domain '{InitialDomain}'; pick one of your domains.";
            _messageSeverity = Severity.Info;
        }
        OnDomainChanged(_model.Domain);
    }

    private async Task InitEditAsync(Caller? caller)
    {
        var initial = Initial ?? new QuantumInput();
        _model = QuantumFormModel.From(initial);
        _slugTouched = true;
        var domain = initial.Domain is null ? null : await Domains.GetAsync(initial.Domain);
        _domains = [new DomainOption(initial.Domain ?? "", domain?.Name ?? initial.Domain ?? "")];
        if (domain is not null) _owners[domain.Slug] = MembersOf(domain);
        var domainId = initial.Domain is null ? null : await Domains.IdOfAsync(initial.Domain);
        _canChangeStatus = caller is not null && domainId is { } id && caller.OwnsDomain(id);
        _statusOptions = [initial.Status ?? "draft"];
        if (EnumText.TryParse<QuantumStatus>(initial.Status, out var current))
            _statusOptions.AddRange(Lifecycle.NextStatuses(current).Select(s => EnumText.Of(s)));
    }

    private async Task ResolveUpstreamsAsync()
    {
        foreach (var row in _model.Ports.Where(r => r.UpstreamQuantumId is not null && r.Upstream is null))
        {
            if (await Quanta.GetAsync(row.UpstreamQuantumId!.Value) is { } upstream) row.Upstream = UpstreamOption.Of(upstream);
        }
    }

    private static List<PersonRef> MembersOf(DomainDto domain) =>
        domain.Members.Select(m => new PersonRef(m.Username, m.DisplayName, m.Email)).ToList();

    /// <summary>The domain's members, plus the caller and the current owner when they are not (yet) members.</summary>
    private IEnumerable<PersonRef> OwnerOptions
    {
        get
        {
            var options = _model.Domain is not null && _owners.TryGetValue(_model.Domain, out var members) ? members.ToList() : [];
            if (_caller is not null && !IsEdit && options.All(o => o.Username != _caller.Username)) options.Insert(0, _caller);
            if (_model.Owner is { } owner && options.All(o => o.Username != owner)) options.Insert(0, new PersonRef(owner, owner, null));
            return options;
        }
    }

    private string OwnerText(string? username) =>
        username is null ? "" : OwnerOptions.FirstOrDefault(o => o.Username == username)?.DisplayName ?? username;

    private void OnDomainChanged(string? slug)
    {
        _model.Domain = slug;
        if (IsEdit) return;
        _statusOptions = slug is not null && _ownedDomains.Contains(slug) ? ["draft", "active"] : ["draft"];
        if (!_statusOptions.Contains(_model.Status ?? "")) _model.Status = "draft";
    }

    private void OnNameChanged(string? name)
    {
        _model.Name = name ?? "";
        if (!_slugTouched) _model.Slug = SlugRules.Suggest(_model.Name);
    }

    private void OnSlugChanged(string? slug)
    {
        _model.Slug = slug ?? "";
        // Clearing the slug hands it back to the suggestion.
        _slugTouched = _model.Slug.Length > 0;
        if (!_slugTouched) _model.Slug = SlugRules.Suggest(_model.Name);
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Err(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages for fields the form has no place for (owner, version…), so none is lost.</summary>
    private IEnumerable<(string Field, string Message)> UnplacedErrors =>
        _errors.Where(e => !PlacedFields.Contains(e.Key) && !e.Key.StartsWith("ports[", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Select(m => (e.Key, m)));

    private async Task SubmitAsync()
    {
        if (_saving) return;
        _saving = true;
        _message = null;
        _stale = false;
        _errors = new Dictionary<string, string[]>();
        try
        {
            var caller = await CurrentCaller.GetAsync();
            if (caller is null)
            {
                Fail("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var version = IsEdit ? Initial?.Version : null;
            var result = IsEdit
                ? await Quanta.UpdateAsync(caller, QuantumId!.Value, _model.ToInput(version), version)
                : await Quanta.RegisterAsync(caller, _model.ToInput());
            Show(result);
        }
        finally
        {
            _saving = false;
        }
    }

    private void Show(OperationResult<QuantumDto> result)
    {
        switch (result.Status)
        {
            case OperationStatus.Ok:
                var saved = result.Value!;
                Snackbar.Add(IsEdit ? $"Saved {saved.Name}." : $"Registered {saved.Name}.", Severity.Success);
                Navigation.NavigateTo($"/quanta/{saved.Id}");
                break;
            case OperationStatus.Invalid:
                _errors = result.Errors;
                Fail("Nothing was saved: some fields need attention (see the messages beside them).");
                break;
            case OperationStatus.Conflict:
                _errors = result.Errors;
                Fail($"Nothing was saved: {result.Message}");
                break;
            case OperationStatus.Stale:
                _stale = true;
                Fail($"This quantum was changed by someone else since you opened it, so nothing was saved. {result.Message}");
                break;
            default:
                Fail(result.Message ?? "Nothing was saved.");
                break;
        }
    }

    private void Fail(string message)
    {
        _message = message;
        _messageSeverity = Severity.Error;
    }

    private async Task ReloadAsync() => await OnReload.InvokeAsync();
}

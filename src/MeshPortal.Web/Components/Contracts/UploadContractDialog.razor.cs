using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MeshPortal.Web.Components.Contracts;

public partial class UploadContractDialog
{
    /// <summary>The same limit as the API: documents over 5 MB are refused before they are parsed.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private ContractAuthoring Authoring { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    [Parameter] public string? InitialDomain { get; set; }
    /// <summary>Preselects a quantum (and its domain) when uploading from a quantum's page.</summary>
    [Parameter] public Guid? InitialQuantumId { get; set; }

    private List<DomainDto> _domains = [];
    private List<QuantumDto> _quanta = [];
    private string? _domain;
    private Guid? _quantumId;
    private string? _port;
    private string? _fileName;
    private string? _text;
    private bool _busy;
    private string? _message;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    private IEnumerable<string> OutputPorts =>
        _quanta.FirstOrDefault(q => q.Id == _quantumId)?.Ports.Where(p => p.Direction == "output").Select(p => p.Name) ?? [];

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? Err(string field) => _errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;
    private string QuantumText(Guid? id) => _quanta.FirstOrDefault(q => q.Id == id)?.Name ?? "";

    protected override async Task OnInitializedAsync()
    {
        _domains = await AuthoringDomains.ForAsync(Domains, await CurrentCaller.GetAsync());
        var initial = InitialQuantumId is { } qid ? (await Quanta.GetAsync(qid))?.Domain : InitialDomain;
        _domain = _domains.FirstOrDefault(d => d.Slug == initial)?.Slug ?? (_domains.Count == 1 ? _domains[0].Slug : null);
        await LoadQuantaAsync();
        if (_quanta.Any(q => q.Id == InitialQuantumId)) OnQuantumChanged(InitialQuantumId);
    }

    private async Task OnDomainChangedAsync(string? slug)
    {
        _domain = slug;
        _quantumId = null;
        _port = null;
        await LoadQuantaAsync();
    }

    private async Task LoadQuantaAsync() =>
        _quanta = _domain is null ? [] : (await Quanta.QueryAsync(new QuantumQuery(Domain: _domain, PageSize: Page<QuantumDto>.MaxPageSize))).Items.ToList();

    private void OnQuantumChanged(Guid? id)
    {
        _quantumId = id;
        var ports = OutputPorts.ToList();
        _port = ports.Count == 1 ? ports[0] : null;
    }

    private async Task OnFileChangedAsync(IBrowserFile? file)
    {
        _text = null;
        _message = null;
        _errors = new Dictionary<string, string[]>();
        _fileName = file?.Name;
        if (file is null) return;
        if (file.Size > MaxBytes)
        {
            Fail($"{file.Name} is {file.Size / (1024.0 * 1024):0.0} MB; a contract document may be at most 5 MB.");
            return;
        }
        try
        {
            // The browser's size is a claim: the stream refuses to read more than the limit whatever it says.
            await using var stream = file.OpenReadStream(MaxBytes);
            using var reader = new StreamReader(stream);
            _text = await reader.ReadToEndAsync();
        }
        catch (IOException e)
        {
            Fail($"{file.Name} could not be read: {e.Message}");
        }
    }

    private void Cancel() => Dialog.Cancel();

    private async Task ImportAsync()
    {
        if (_busy || _text is null) return;
        _busy = true;
        _message = null;
        _errors = new Dictionary<string, string[]>();
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Fail("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var target = new ImportTarget(_quantumId, _quantumId is null ? null : _port, _domain);
            var result = await Authoring.ImportAsync(caller, _text, target);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value!));
                return;
            }
            _errors = result.Errors;
            _message = result.Status switch
            {
                OperationStatus.Invalid when result.Errors.ContainsKey("document") => "The file is not a readable YAML or JSON document.",
                OperationStatus.Invalid => "Nothing was imported: see the messages beside the fields.",
                _ => (result.Message ?? "Nothing was imported.") + " Nothing was saved.",
            };
        }
        finally
        {
            _busy = false;
        }
    }

    private void Fail(string message)
    {
        _message = message;
        _errors = new Dictionary<string, string[]>();
    }
}

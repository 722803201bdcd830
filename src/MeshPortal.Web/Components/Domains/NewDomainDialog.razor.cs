using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SlugRules = MeshPortal.Domain.Slug;

namespace MeshPortal.Web.Components.Domains;

public partial class NewDomainDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    private string _name = "";
    private string _slug = "";
    private string _description = "";
    private bool _slugTouched;
    private bool _saving;
    private string? _message;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? Err(string field) => _errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private void OnNameChanged(string? name)
    {
        _name = name ?? "";
        if (!_slugTouched) _slug = SlugRules.Suggest(_name);
    }

    private void OnSlugChanged(string? slug)
    {
        _slug = slug ?? "";
        _slugTouched = _slug.Length > 0;
        if (!_slugTouched) _slug = SlugRules.Suggest(_name);
    }

    private void Cancel() => Dialog.Cancel();

    private async Task CreateAsync()
    {
        if (_saving) return;
        _saving = true;
        _message = null;
        _errors = new Dictionary<string, string[]>();
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                _message = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await Domains.CreateAsync(caller, new DomainInput { Name = _name, Slug = _slug, Description = _description });
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value!));
                return;
            }
            _errors = result.Errors;
            _message = result.Status is OperationStatus.Invalid or OperationStatus.Conflict
                ? "Nothing was saved: see the messages beside the fields."
                : result.Message;
        }
        finally
        {
            _saving = false;
        }
    }
}

using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Domains;

public partial class DomainMembers
{
    private static readonly string[] Roles = Enum.GetValues<DomainRole>().Select(r => EnumText.Of(r)).ToArray();

    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public DomainDto Domain { get; set; } = default!;
    /// <summary>Whether to offer the management actions; the service decides again on every change.</summary>
    [Parameter] public bool CanManage { get; set; }
    /// <summary>Raised with the domain as it is after a change.</summary>
    [Parameter] public EventCallback<DomainDto> DomainChanged { get; set; }

    private string _newUsername = "";
    private string _newRole = EnumText.Of(DomainRole.DomainEngineer);
    private string? _addError;
    private string? _message;
    private Severity _severity = Severity.Success;
    private bool _busy;

    private static string RoleText(string role) => role switch
    {
        "data-product-owner" => "Data product owner",
        "domain-engineer" => "Domain engineer",
        _ => role,
    };

    private async Task AddAsync()
    {
        _addError = null;
        if (string.IsNullOrWhiteSpace(_newUsername))
        {
            _addError = "Enter the username of the person to add.";
            return;
        }
        var result = await RunAsync(caller => Domains.SetMemberAsync(caller, Domain.Slug, _newUsername.Trim(), _newRole), $"Added {_newUsername.Trim()} as {RoleText(_newRole).ToLowerInvariant()}.");
        if (result?.Status == OperationStatus.NotFound) _addError = result.Message;
        if (result?.Succeeded == true) _newUsername = "";
    }

    private Task ChangeRoleAsync(MemberDto member, string role) =>
        RunAsync(caller => Domains.SetMemberAsync(caller, Domain.Slug, member.Username, role), $"{member.DisplayName} is now {RoleText(role).ToLowerInvariant()}.");

    private async Task RemoveAsync(MemberDto member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove member",
            $"Remove {member.DisplayName} from {Domain.Name}? They will no longer be able to change its quanta.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(caller => Domains.RemoveMemberAsync(caller, Domain.Slug, member.Username), $"Removed {member.DisplayName} from {Domain.Name}.");
    }

    private async Task<OperationResult<DomainDto>?> RunAsync(Func<Caller, Task<OperationResult<DomainDto>>> change, string success)
    {
        if (_busy) return null;
        _busy = true;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.", Severity.Error);
                return null;
            }
            var result = await change(caller);
            if (result.Succeeded)
            {
                Show(success, Severity.Success);
                await DomainChanged.InvokeAsync(result.Value!);
            }
            else
            {
                Show(result.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? result.Message ?? "Nothing changed.", Severity.Error);
            }
            return result;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _severity = severity;
    }
}

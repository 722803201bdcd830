using MeshPortal.Domain.Identity;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Onboarding;

/// <summary>What an add-source dialog closes with: the new source, and whether to run it at once.</summary>
public sealed record SourceAdded(SourceSummary Source, bool RunNow);

/// <summary>
/// The common part of the add-source dialogs: the target fields, "run it now", and a write whose refusal puts each
/// message beside its field. The service decides; the dialog only reports.
/// </summary>
public abstract class AddSourceDialogBase : ComponentBase, IDisposable
{
    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] protected SourceService Sources { get; set; } = default!;
    [Inject] protected CurrentCaller CurrentCaller { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }
    [Parameter, EditorRequired] public SourceTargets Targets { get; set; } = SourceTargets.None;

    protected readonly CancellationTokenSource Disposed = new();
    protected string? SourceName;
    protected string? Port;
    protected string? ObjectName;
    protected bool RunNow = true;
    protected bool Busy;
    protected string? Message;
    protected FieldErrors Errors = FieldErrors.None;

    /// <summary>The fields this dialog shows beside their inputs; other messages go above the form.</summary>
    protected abstract IEnumerable<string> OwnFields { get; }

    protected IReadOnlyList<string> OtherErrors => Errors.Except([.. SourceTargetFields.Fields, .. OwnFields]);

    protected override void OnInitialized() => (Port, ObjectName) = Targets.Default;

    protected void Cancel() => Dialog.Cancel();

    protected async Task SubmitAsync(Func<Caller, CancellationToken, Task<OperationResult<SourceSummary>>> add)
    {
        if (Busy) return;
        Busy = true;
        Message = null;
        Errors = FieldErrors.None;
        try
        {
            if (await CurrentCaller.GetAsync(Disposed.Token) is not { } caller)
            {
                Message = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await add(caller, Disposed.Token);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(new SourceAdded(result.Value!, RunNow)));
                return;
            }
            Errors = new FieldErrors(result.Errors);
            Message = result.Status == OperationStatus.Invalid || Errors.Any
                ? "The source was not added: see the messages beside the fields."
                : (result.Message ?? "The source was not added.");
        }
        catch (OperationCanceledException) when (Disposed.IsCancellationRequested)
        {
        }
        finally
        {
            Busy = false;
        }
    }

    protected string NameOr(string fallback) => string.IsNullOrWhiteSpace(SourceName) ? fallback : SourceName.Trim();

    public void Dispose()
    {
        Disposed.Cancel();
        GC.SuppressFinalize(this);
    }
}

using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;
using MeshPortal.Web.Features.Shared;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>Leaving a step: check it, then save the draft (import once, then update with the revision read).</summary>
public partial class ContractWizard
{
    private DraftErrors Check() =>
        DraftCheck.Run(_ctx.Draft, IsNewContract, domainMissing: _ctx.FixedDomainName is null && string.IsNullOrEmpty(_ctx.Domain));

    private async Task OnStepChangeAsync(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Reset)
        {
            args.Cancel = true;
            return;
        }
        if (args.Action == StepAction.Activate && args.StepIndex == _activeIndex) return;
        // The review step has nothing to save: going back from it to fix something is always allowed.
        if (_activeIndex == LastStep) return;
        if (!await LeaveStepAsync((WizardStep)_activeIndex)) args.Cancel = true;
        StateHasChanged();
    }

    private async Task<bool> LeaveStepAsync(WizardStep step)
    {
        var errors = Check();
        if (errors.AnyIn(step))
        {
            _ctx.Errors = errors;
            _liveCheck = true;
            Show($"Fix the {(errors.ForStep(step).Count() == 1 ? "problem" : "problems")} in {WizardSteps.Title(step)} before going on.");
            return false;
        }
        if (errors.Any)
        {
            // Another step has a problem (e.g. a document brought in from elsewhere): move on, but nothing can be saved yet.
            _ctx.Errors = errors;
            var steps = string.Join(", ", errors.All.Keys.Select(WizardSteps.StepOf).Distinct().Order().Select(WizardSteps.Title));
            Show($"Not saved yet: fix the problems in {steps} first; the draft is saved as soon as they are gone.", Severity.Warning);
            return true;
        }
        _ctx.Errors = DraftErrors.None;
        return await SaveAsync();
    }

    private async Task FinishAsync()
    {
        var errors = Check();
        if (errors.Any)
        {
            _ctx.Errors = errors;
            _liveCheck = true;
            Show("Fix the problems listed before saving.");
            return;
        }
        if (!await SaveAsync()) return;
        Snackbar.Add($"Draft {_savedVersion} of {_savedId} saved.", Severity.Success);
        Navigation.NavigateTo(ContractLinks.Version(_savedId!, _savedVersion!));
    }

    private async Task<bool> SaveAsync()
    {
        _busy = true;
        StateHasChanged();
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry; nothing was saved.");
                return false;
            }
            var json = _ctx.Draft.ToJson();
            OperationResult<ImportResultDto> result;
            if (_savedId is null)
            {
                var read = ContractDocument.FromJson(json);
                if (!read.Succeeded) return Refused(read.As<ImportResultDto>());
                if (IsNewContract && await Catalog.GetAsync(read.Value!.Id) is { } existing)
                {
                    _ctx.Errors = new DraftErrors(new Dictionary<string, string[]>
                    {
                        ["/id"] = [$"A contract '{existing.Id}' exists already (in {existing.DomainName}). Choose another id, or start a new version from its page."],
                    });
                    Show("Not saved: the id is taken.");
                    return false;
                }
                result = await Authoring.ImportAsync(caller, read.Value!, new ImportTarget(Domain: _ctx.Domain));
                if (result.Succeeded) _revision = 1;
            }
            else
            {
                result = await Authoring.UpdateDraftAsync(caller, _savedId, _savedVersion!, json.ToJsonString(), _revision);
                if (result.Succeeded) _revision++;
            }
            if (!result.Succeeded) return Refused(result);
            _savedId = result.Value!.Id;
            _savedVersion = result.Value.Version;
            _ctx.IdFixed = true;
            _ctx.CanUseTemplate = false;
            _ctx.FixedDomainName ??= _ctx.Domains.FirstOrDefault(d => d.Slug == _ctx.Domain)?.Name ?? _ctx.Domain;
            _message = null;
            _stale = false;
            _liveCheck = false;
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private bool Refused(OperationResult<ImportResultDto> result)
    {
        switch (result.Status)
        {
            case OperationStatus.Stale:
                _stale = true;
                Show($"{result.Message} Your change was not saved.");
                break;
            case OperationStatus.Invalid or OperationStatus.Unprocessable or OperationStatus.Conflict:
                _ctx.Errors = new DraftErrors(AsPointers(result.Errors));
                // Keep the service's messages until the next attempt: a live recheck would not know them.
                _liveCheck = false;
                Show($"Not saved: {result.Message ?? "the draft was refused."} See the messages beside the fields.");
                break;
            default:
                Show(result.Message ?? "The draft was not saved.");
                break;
        }
        return false;
    }

    /// <summary>The services name some fields plainly ("version"); the wizard places messages by JSON pointer.</summary>
    private static Dictionary<string, string[]> AsPointers(IReadOnlyDictionary<string, string[]> errors) =>
        errors.GroupBy(e => e.Key is "id" or "name" or "version" or "status" ? "/" + e.Key : e.Key)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray());

    private Task OnChangedAsync()
    {
        if (_liveCheck) _ctx.Errors = Check();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }
}

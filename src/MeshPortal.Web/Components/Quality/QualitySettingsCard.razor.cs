using MeshPortal.Web.Components.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Quality;

public partial class QualitySettingsCard
{
    [Inject] private QualityService Quality { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }
    [Parameter] public bool Block { get; set; }
    [Parameter] public string? Cron { get; set; }
    [Parameter] public bool CanEdit { get; set; }
    /// <summary>After a setting was saved, so the tab shows it everywhere (the banner's wording depends on it).</summary>
    [Parameter] public EventCallback<(bool Block, string? Cron)> OnSaved { get; set; }

    private bool _block;
    private string? _cron;
    private string? _savedCron;
    private bool? _shownBlock;
    private string? _cronError;
    private bool _savingBlock;
    private bool _savingCron;
    private string? _message;

    private bool CronDirty => Norm(_cron) != Norm(_savedCron);

    private string CronHelp
    {
        get
        {
            if (string.IsNullOrWhiteSpace(_cron)) return "Empty: checks run after each onboarding and when someone asks. Example: 0 6 * * * is every day at 06:00 UTC.";
            if (!CronSchedule.TryParse(_cron, out var schedule, out _)) return "";
            var next = schedule!.Next(Clock.GetUtcNow());
            return schedule.Describe() + (next is { } n ? $" · next {n.UtcDateTime:ddd d MMM HH:mm} UTC" : " · never fires");
        }
    }

    protected override void OnParametersSet()
    {
        // Keep what the user is typing when the tab refreshes for another reason.
        if (_shownBlock != Block) _block = Block;
        _shownBlock = Block;
        if (Norm(_savedCron) != Norm(Cron) && !CronDirty) _cron = Cron;
        _savedCron = Cron;
    }

    private void OnCronChanged(string? cron)
    {
        _cron = cron;
        _cronError = string.IsNullOrWhiteSpace(cron) || CronSchedule.TryParse(cron, out _, out var error) ? null : error;
    }

    private static string Describe(string cron) => CronSchedule.TryParse(cron, out var s, out _) ? s!.Describe() : cron;

    private static string? Norm(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task SetBlockAsync(bool block)
    {
        if (_savingBlock) return;
        _savingBlock = true;
        _message = null;
        var before = _block;
        _block = block;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                _block = before;
                _message = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await Quality.SetBlockPublishAsync(caller, QuantumId, block);
            if (!result.Succeeded)
            {
                _block = before;
                _message = Describe(result, "The setting was not changed.");
                return;
            }
            _block = result.Value;
            _shownBlock = _block;
            Snackbar.Add(_block ? "Publishing is now blocked when an error rule fails." : "Failing data is now served and marked as failing its contract.", Severity.Success);
            await OnSaved.InvokeAsync((_block, Norm(_savedCron)));
        }
        finally
        {
            _savingBlock = false;
        }
    }

    private async Task SaveCronAsync()
    {
        if (_savingCron || _cronError is not null) return;
        _savingCron = true;
        _message = null;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                _message = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await Quality.SetScheduleAsync(caller, QuantumId, Norm(_cron));
            if (!result.Succeeded)
            {
                _cronError = result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values.SelectMany(m => m)) : null;
                _message = _cronError is null ? result.Message ?? "The schedule was not saved." : "The schedule was not saved: see the message beside it.";
                return;
            }
            _savedCron = Norm(result.Value);
            _cron = _savedCron;
            Snackbar.Add(_savedCron is null ? "Schedule cleared: checks run after each onboarding and on request." : $"Saved: {Describe(_savedCron)}.", Severity.Success);
            await OnSaved.InvokeAsync((_block, _savedCron));
        }
        finally
        {
            _savingCron = false;
        }
    }

    private static string Describe<T>(OperationResult<T> result, string fallback) =>
        result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values.SelectMany(m => m)) : result.Message ?? fallback;
}

using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Onboarding;

public partial class ScheduleCard
{
    [Inject] private OnboardingService Onboarding { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }
    [Parameter, EditorRequired] public OnboardingSettingsModel Settings { get; set; } = new(null, null, null);
    [Parameter, EditorRequired] public IReadOnlyList<SourceSummary> Sources { get; set; } = [];
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback<OnboardingSettingsModel> OnSaved { get; set; }

    private OnboardingSettingsModel? _shown;
    private string? _cron;
    private Guid? _sourceId;
    private string? _goldSql;
    private string? _cronError;
    private bool _saving;
    private string? _message;
    private FieldErrors _errors = FieldErrors.None;

    private bool Dirty => _shown is not null &&
        (Norm(_cron) != Norm(_shown.Cron) || _sourceId != _shown.ScheduledSourceId || Norm(_goldSql) != Norm(_shown.GoldSql));

    private string CronHelp
    {
        get
        {
            if (string.IsNullOrWhiteSpace(_cron)) return "Empty: run by hand only. Example: 0 2 * * * is every day at 02:00 UTC.";
            if (!CronSchedule.TryParse(_cron, out var schedule, out _)) return "";
            var next = schedule!.Next(Clock.GetUtcNow());
            return schedule.Describe() + (next is { } n ? $" · next {n.UtcDateTime:ddd d MMM HH:mm} UTC" : " · never fires");
        }
    }

    protected override void OnParametersSet()
    {
        // Keep what the user is typing when the panel refreshes for another reason.
        if (_shown == Settings) return;
        _shown = Settings;
        Reset();
    }

    private void Reset()
    {
        _cron = _shown?.Cron;
        _sourceId = _shown?.ScheduledSourceId;
        _goldSql = _shown?.GoldSql;
        _cronError = null;
        _message = null;
        _errors = FieldErrors.None;
    }

    private void OnCronChanged(string? cron)
    {
        _cron = cron;
        _cronError = string.IsNullOrWhiteSpace(cron) || CronSchedule.TryParse(cron, out _, out var error) ? null : error;
        if (_cronError is null && !string.IsNullOrWhiteSpace(cron) && _sourceId is null && Sources.Count == 1) _sourceId = Sources[0].Id;
    }

    private string? SourceName(Guid? id) => Sources.FirstOrDefault(s => s.Id == id)?.Name;

    private static string Describe(string cron) => CronSchedule.TryParse(cron, out var s, out _) ? s!.Describe() : cron;

    private static string? Norm(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task SaveAsync()
    {
        if (_saving) return;
        _saving = true;
        _message = null;
        _errors = FieldErrors.None;
        try
        {
            if (await CurrentCaller.GetAsync() is not { } caller)
            {
                _message = "You are not signed in as a known user. Sign in again and retry.";
                return;
            }
            var result = await Onboarding.SaveSettingsAsync(caller, QuantumId, new OnboardingSettingsModel(Norm(_goldSql), Norm(_cron), _sourceId));
            if (result.Succeeded)
            {
                _shown = result.Value!;
                Reset();
                await OnSaved.InvokeAsync(result.Value!);
                return;
            }
            _errors = new FieldErrors(result.Errors);
            _message = _errors.Any ? "Not saved: see the messages beside the fields." : result.Message ?? "Not saved.";
        }
        finally
        {
            _saving = false;
        }
    }
}

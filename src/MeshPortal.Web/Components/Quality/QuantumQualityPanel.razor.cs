using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Quality;

/// <summary>
/// The Quality tab of a quantum: whether the published version holds its contract, the last run's score by dimension,
/// freshness against the SLA, the rule results failing first, the trend over runs, the run history, and — for the domain's
/// members — Run now and the quality settings. While a run is queued or running it is read again every second.
/// </summary>
public partial class QuantumQualityPanel : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    [Inject] private QualityService Quality { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }
    /// <summary>After a run finished, so what shows the quantum's standing elsewhere on the page follows.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private QuantumQuality? _quality;
    private List<QualityRunSummary> _history = [];
    private QualityRunSummary? _active;
    private Guid? _loadedFor;
    private bool _loading = true;
    private bool _starting;
    private bool _polling;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;

    private DateTimeOffset Now => Clock.GetUtcNow();
    private QualityRunDetail? Latest => _quality?.Latest;
    private string? Cron => _quality?.QualityCron;

    /// <summary>A load the gate refused after the published data's last check: the owner should know the new data did not go out.</summary>
    private QualityRunSummary? BlockedLoad => _history.FirstOrDefault(r => r.BlockedPublish) is { } blocked
                                             && (Latest is null || blocked.QueuedAt > Latest.Run.QueuedAt) ? blocked : null;

    private string? RunHint => _quality switch
    {
        { HasPublishedData: false } => "Nothing is published yet: load data on the Data tab first.",
        _ when _active is not null => "A run is in progress.",
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders this panel whenever it changes (say after OnChanged): reload only for another quantum.
        if (_loadedFor == QuantumId) return;
        _loadedFor = QuantumId;
        _loading = true;
        await LoadAsync(_disposed.Token);
        _loading = false;
        if (RendererInfo.IsInteractive && _active is not null) StartPolling();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _message = null;
        if (await CurrentCaller.GetAsync(ct) is not { } caller)
        {
            _quality = null;
            Show("You are not signed in as a known user. Sign in again and retry.");
            return;
        }
        _quality = await Quality.QuantumAsync(caller, QuantumId, ct);
        if (_quality is null) return;
        _history = [.. await Quality.HistoryAsync(QuantumId, ct: ct)];
        _active = _history.FirstOrDefault(r => QualityText.IsActive(r.Status));
    }

    private async Task<QualityRunDetail?> LoadRunAsync(Guid runId) => await Quality.GetRunAsync(runId, _disposed.Token);

    private async Task StartRunAsync()
    {
        if (_starting || _active is not null) return;
        _starting = true;
        _message = null;
        try
        {
            if (await CurrentCaller.GetAsync(_disposed.Token) is not { } caller)
            {
                Show("You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            var result = await Quality.StartAsync(caller, QuantumId, _disposed.Token);
            if (!result.Succeeded)
            {
                Show(Describe(result, "The quality checks were not started."), result.Status == OperationStatus.Conflict ? Severity.Info : Severity.Error);
                if (result.Status != OperationStatus.Conflict) return;
                // Someone else's run (or the one after a load) is under way: follow it instead.
                _history = [.. await Quality.HistoryAsync(QuantumId, ct: _disposed.Token)];
                _active = _history.FirstOrDefault(r => QualityText.IsActive(r.Status));
                if (_active is not null) StartPolling();
                return;
            }
            _active = result.Value!;
            _history.RemoveAll(r => r.Id == _active.Id);
            _history.Insert(0, _active);
            if (QualityText.IsActive(_active.Status)) StartPolling();
            else await FinishedAsync(_active, _disposed.Token);
        }
        finally
        {
            _starting = false;
        }
    }

    private void StartPolling()
    {
        if (_polling) return;
        _polling = true;
        _ = PollAsync(_disposed.Token);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval, Clock);
        try
        {
            while (_active is { } active && await timer.WaitForNextTickAsync(ct))
            {
                if (await Quality.GetRunAsync(active.Id, ct) is not { } latest) break;
                _active = latest.Run;
                var index = _history.FindIndex(r => r.Id == latest.Run.Id);
                if (index >= 0) _history[index] = latest.Run;
                if (!QualityText.IsActive(latest.Run.Status)) await FinishedAsync(latest.Run, ct);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _polling = false;
        }
    }

    /// <summary>A run ended: the score, trend, freshness and history all changed.</summary>
    private async Task FinishedAsync(QualityRunSummary run, CancellationToken ct)
    {
        _active = null;
        if (await CurrentCaller.GetAsync(ct) is { } caller) _quality = await Quality.QuantumAsync(caller, QuantumId, ct) ?? _quality;
        _history = [.. await Quality.HistoryAsync(QuantumId, ct: ct)];
        switch (run.Status)
        {
            case RunStatus.Succeeded when run.FailsContract:
                Snackbar.Add($"Quality checks done: {QualityText.Score(run.Score)}, and an error rule failed — this version fails its contract.", Severity.Error);
                break;
            case RunStatus.Succeeded:
                Snackbar.Add($"Quality checks done: {QualityText.Score(run.Score)}, {QualityText.Plural(run.Failed, "rule", "rules")} failed.", run.Failed > 0 ? Severity.Warning : Severity.Success);
                break;
            case RunStatus.Failed:
                Snackbar.Add($"The quality run failed: {run.Error}", Severity.Error);
                break;
            case RunStatus.Cancelled:
                Snackbar.Add("The quality run was cancelled.", Severity.Warning);
                break;
        }
        await InvokeAsync(() => OnChanged.InvokeAsync());
    }

    private void OnSettingsSaved((bool Block, string? Cron) saved)
    {
        if (_quality is not null) _quality = _quality with { BlockPublishOnFailure = saved.Block, QualityCron = saved.Cron };
    }

    private static string Describe<T>(OperationResult<T> result, string fallback) =>
        result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values.SelectMany(m => m)) : result.Message ?? fallback;

    private void Show(string message, Severity severity = Severity.Error)
    {
        _message = message;
        _messageSeverity = severity;
    }

    // Cancelled, not disposed: a call still running may read its token.
    public void Dispose() => _disposed.Cancel();
}

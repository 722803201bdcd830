using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Onboarding;

/// <summary>
/// The Data tab of a quantum: its layers, the current run live, previews, the quarantine, the schema as found against the
/// contract, its sources, schedule and gold SELECT, and the run history. The services decide who may do and see what;
/// this only hides what they would refuse. While a run is queued or running it is read again every 500 ms.
/// </summary>
public partial class QuantumDataPanel : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [Inject] private QuantumDataService Data { get; set; } = default!;
    [Inject] private SourceService SourceService { get; set; } = default!;
    [Inject] private OnboardingService Onboarding { get; set; } = default!;
    [Inject] private QuantumService Quanta { get; set; } = default!;
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid QuantumId { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private DataOverview? _overview;
    private QuantumDto? _quantum;
    private List<SourceSummary> _sources = [];
    private List<RunSummary> _history = [];
    private OnboardingSettingsModel _settings = new(null, null, null);
    private SourceTargets _targets = SourceTargets.None;
    private RunSummary? _run;
    private string? _object;
    private bool _loading = true;
    private bool _busy;
    private bool _cancelling;
    private bool _polling;
    private bool _retryable;
    private string? _message;
    private Severity _messageSeverity = Severity.Error;

    private DateTimeOffset Now => Clock.GetUtcNow();
    private bool CanEdit => _overview?.CanEdit == true;
    private bool RunActive => _run is { } r && OnboardingText.IsActive(r.Status);
    private bool HasBoundPort => _targets.Bound.Any();
    private bool NothingYet => _overview is { Layers.Count: 0 } && _history.Count == 0 && _sources.Count == 0;

    private IReadOnlyList<LayerTable> Tables => _overview?.Layers ?? [];

    private IReadOnlyList<string> Objects =>
        (_overview?.SchemaByObject.Keys ?? [])
        .Concat(Tables.Select(t => t.ObjectName))
        .Concat(_sources.Select(s => s.ObjectName))
        .Where(o => !string.IsNullOrEmpty(o)).Distinct(StringComparer.Ordinal).ToList();

    private LayerTable? TableOf(Layer layer) => Tables.FirstOrDefault(t => t.Layer == layer && t.ObjectName == _object);

    private IReadOnlyList<SchemaComparisonRow> SchemaOf(string? objectName) =>
        objectName is not null && _overview?.SchemaByObject.TryGetValue(objectName, out var rows) == true ? rows : [];

    /// <summary>Gold first when the object has one: it is what consumers read.</summary>
    private IReadOnlyList<Layer> PreviewLayers => new[] { Layer.Gold, Layer.Silver }.Where(l => TableOf(l) is not null).ToList();

    /// <summary>Changes whenever a run publishes, so the row tables reload.</summary>
    private Guid? DataVersion => TableOf(Layer.Silver)?.RunId;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync(_disposed.Token);
        _loading = false;
        if (RendererInfo.IsInteractive && RunActive) StartPolling();
    }

    private Task RetryAsync() => OnParametersSetAsync();

    private async Task LoadAsync(CancellationToken ct)
    {
        _message = null;
        if (await CurrentCaller.GetAsync(ct) is not { } caller)
        {
            _overview = null;
            Show(NotSignedIn);
            return;
        }
        try
        {
            _overview = await Data.OverviewAsync(caller, QuantumId, ct);
        }
        catch (QuantumBusyException e)
        {
            // Only with several MeshPortal processes: another one is onboarding or reading this quantum right now.
            _overview = null;
            _retryable = true;
            Show(e.Message);
            return;
        }
        _retryable = false;
        if (_overview is null) return;
        _quantum = await Quanta.GetAsync(QuantumId, ct);
        _sources = [.. await SourceService.ListAsync(QuantumId, ct)];
        _history = [.. await Onboarding.HistoryAsync(QuantumId, ct: ct)];
        _settings = await Onboarding.GetSettingsAsync(QuantumId, ct);
        _targets = _overview.CanEdit && _quantum is not null ? await SourceTargets.LoadAsync(Catalog, _quantum, ct) : SourceTargets.None;
        _run = _history.FirstOrDefault();
        if (_object is null || !Objects.Contains(_object))
            _object = _run?.ObjectName is { } o && Objects.Contains(o) ? o : Tables.FirstOrDefault()?.ObjectName ?? Objects.FirstOrDefault();
    }

    /// <summary>After a run finished: the published tables, their counts and the history changed.</summary>
    private async Task RefreshAfterRunAsync(CancellationToken ct)
    {
        if (await CurrentCaller.GetAsync(ct) is not { } caller) return;
        _overview = await Data.OverviewAsync(caller, QuantumId, ct) ?? _overview;
        _history = [.. await Onboarding.HistoryAsync(QuantumId, ct: ct)];
        if (_run is { } run && _history.FirstOrDefault(r => r.Id == run.Id) is { } fresh) _run = fresh;
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
            while (RunActive && await timer.WaitForNextTickAsync(ct))
            {
                if (await Onboarding.GetRunAsync(_run!.Id, ct) is not { } latest) break;
                _run = latest;
                var index = _history.FindIndex(r => r.Id == latest.Id);
                if (index >= 0) _history[index] = latest;
                if (!OnboardingText.IsActive(latest.Status))
                {
                    _cancelling = false;
                    await RefreshAfterRunAsync(ct);
                    Announce(latest);
                }
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

    private void Announce(RunSummary run)
    {
        switch (run.Status)
        {
            case RunStatus.Succeeded:
                Snackbar.Add($"{run.SourceName} onboarded: {OnboardingText.Count(run.RowsValid)} valid, {OnboardingText.Count(run.RowsQuarantined)} quarantined.", Severity.Success);
                break;
            case RunStatus.Failed:
                Snackbar.Add($"{run.SourceName} failed: {run.Error}", Severity.Error);
                break;
            case RunStatus.Cancelled:
                Snackbar.Add($"{run.SourceName} was cancelled; the published data is unchanged.", Severity.Warning);
                break;
        }
    }

    private async Task StartRunAsync(SourceSummary source)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var (started, run) = await CallAsync(caller => Onboarding.StartAsync(caller, QuantumId, source.Id, _disposed.Token), $"{source.Name} was not started.");
            if (!started) return;
            _run = run!;
            _history.RemoveAll(r => r.Id == _run.Id);
            _history.Insert(0, _run);
            if (Objects.Contains(_run.ObjectName)) _object = _run.ObjectName;
            StartPolling();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelRunAsync()
    {
        if (_run is not { } run || _cancelling) return;
        _cancelling = true;
        var (cancelled, latest) = await CallAsync(caller => Onboarding.CancelAsync(caller, run.Id, _disposed.Token), "The run was not cancelled.");
        if (!cancelled)
        {
            _cancelling = false;
            return;
        }
        _run = latest!;
        if (OnboardingText.IsActive(_run.Status)) StartPolling();
        else
        {
            _cancelling = false;
            await RefreshAfterRunAsync(_disposed.Token);
        }
    }

    private async Task AddSourceAsync(SourceDialogKind kind)
    {
        var parameters = new DialogParameters
        {
            { nameof(AddSourceDialogBase.QuantumId), QuantumId },
            { nameof(AddSourceDialogBase.Targets), _targets },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = kind switch
        {
            SourceDialogKind.Upload => await Dialogs.ShowAsync<UploadSourceDialog>("Upload a file", parameters, options),
            SourceDialogKind.ServerFile => await Dialogs.ShowAsync<ServerFileSourceDialog>("File on the server", parameters, options),
            SourceDialogKind.Connection => await Dialogs.ShowAsync<ConnectionSourceDialog>("Database table or query", parameters, options),
            _ => await Dialogs.ShowAsync<CompositionSourceDialog>("Compose from input ports", parameters, options),
        };
        if (await dialog.Result is not { Canceled: false, Data: SourceAdded added }) return;
        _sources = [.. await SourceService.ListAsync(QuantumId, _disposed.Token)];
        Snackbar.Add($"Source {added.Source.Name} added.", Severity.Success);
        if (added.RunNow) await StartRunAsync(added.Source);
        StateHasChanged();
    }

    private async Task DeleteSourceAsync(SourceSummary source)
    {
        if (_settings.ScheduledSourceId == source.Id)
        {
            Show($"The schedule onboards {source.Name}: choose another source for it, or clear the schedule, before deleting it.", Severity.Warning);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete source {source.Name}?",
            $"Its settings{(source.Kind == SourceKind.Upload ? " and the uploaded file" : "")} are removed. Data already published stays, and so does the run history.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true) return;
        _busy = true;
        try
        {
            var (deleted, _) = await CallAsync(caller => SourceService.DeleteAsync(caller, QuantumId, source.Id, _disposed.Token), $"{source.Name} was not deleted.");
            if (!deleted) return;
            _sources = [.. await SourceService.ListAsync(QuantumId, _disposed.Token)];
            _settings = await Onboarding.GetSettingsAsync(QuantumId, _disposed.Token);
            Snackbar.Add($"Source {source.Name} deleted.", Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private void OnSettingsSaved(OnboardingSettingsModel saved)
    {
        _settings = saved;
        Snackbar.Add(saved.Cron is null ? "Saved. Runs are started by hand." : "Saved. The schedule is on.", Severity.Success);
    }

    /// <summary>
    /// A service call as the signed-in caller. When there is no known caller, or the service refuses, the panel shows why
    /// (the service's reasons, else <paramref name="fallback"/>) and the call reports no success.
    /// </summary>
    private async Task<(bool Succeeded, T? Value)> CallAsync<T>(Func<Caller, Task<OperationResult<T>>> call, string fallback)
    {
        _message = null;
        if (await CurrentCaller.GetAsync(_disposed.Token) is not { } caller)
        {
            Show(NotSignedIn);
            return (false, default);
        }
        var result = await call(caller);
        if (!result.Succeeded) Show(Describe(result, fallback));
        return (result.Succeeded, result.Value);
    }

    private const string NotSignedIn = "You are not signed in as a known user. Sign in again and retry.";

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

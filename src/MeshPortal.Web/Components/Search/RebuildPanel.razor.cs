using Hangfire;
using MeshPortal.Web.Data;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Search.Indexing;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>
/// Starts a rebuild through <see cref="DictionaryIndexer.RequestRebuildAsync"/> and follows the DictionaryRebuilds row
/// every 500 ms while it is queued or running; the job may run on any instance, the database is what they share.
/// </summary>
public partial class RebuildPanel : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [Inject] private IDbContextFactory<MeshDbContext> Db { get; set; } = default!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    /// <summary>Raised when a rebuild finishes while the page watches it (e.g. to refresh index counts).</summary>
    [Parameter] public EventCallback OnFinished { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private DictionaryRebuild? _latest;
    private bool _requesting;
    private bool _polling;
    private string? _message;

    /// <summary>A rebuild unfinished after this long is taken as lost (its worker died): another may be started.</summary>
    public static readonly TimeSpan Stuck = TimeSpan.FromHours(1);

    private bool IsRunning => _latest?.Status is "queued" or "running";
    private bool IsStuck => IsRunning && Clock.GetUtcNow() - (_latest!.StartedAt ?? _latest.RequestedAt) > Stuck;
    private bool Indeterminate => IsRunning && (_latest!.Status == "queued" || _latest.Expected <= 0);
    private double Percent => _latest is null ? 0 : _latest.Status == "succeeded" ? 100
        : _latest.Expected <= 0 ? 0 : Math.Clamp(100.0 * _latest.Indexed / _latest.Expected, 0, 100);

    private TimeSpan? Duration => _latest?.StartedAt is not { } started ? null : (_latest.FinishedAt ?? Clock.GetUtcNow()) - started;

    private string ProgressText => _latest is null ? "" : _latest.Status switch
    {
        "queued" => "Waiting for a worker to pick it up…",
        "running" when _latest.Expected > 0 => $"{_latest.Indexed:N0} of about {_latest.Expected:N0} entries indexed ({Percent:0}%)",
        "running" => $"{_latest.Indexed:N0} entries indexed",
        "succeeded" => $"{_latest.Indexed:N0} entries indexed",
        _ => $"Stopped after {_latest.Indexed:N0} of {_latest.Expected:N0} entries",
    };

    private Color StatusColor => _latest?.Status switch { "succeeded" => Color.Success, "failed" => Color.Error, "running" => Color.Info, _ => Color.Default };
    private string StatusIcon => _latest?.Status switch
    {
        "succeeded" => Icons.Material.Filled.CheckCircle, "failed" => Icons.Material.Filled.Error,
        "running" => Icons.Material.Filled.Sync, _ => Icons.Material.Filled.HourglassEmpty,
    };

    protected override async Task OnInitializedAsync()
    {
        _latest = await LatestAsync(_disposed.Token);
        if (RendererInfo.IsInteractive && IsRunning) StartPolling();
    }

    private async Task RequestAsync()
    {
        _message = null;
        _requesting = true;
        try
        {
            var caller = await CurrentCaller.GetAsync(_disposed.Token);
            if (caller?.IsPlatformAdmin != true)
            {
                _message = "Only platform admins rebuild the dictionary.";
                return;
            }
            await DictionaryIndexer.RequestRebuildAsync(Db, Jobs, Clock, caller.Username, _disposed.Token);
            _latest = await LatestAsync(_disposed.Token);
            StartPolling();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _message = "The rebuild could not be started: " + e.Message;
        }
        finally
        {
            _requesting = false;
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
            while (IsRunning && await timer.WaitForNextTickAsync(ct))
            {
                _latest = await LatestAsync(ct);
                await InvokeAsync(StateHasChanged);
            }
            await InvokeAsync(OnFinished.InvokeAsync);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _polling = false;
        }
    }

    private static string Format(TimeSpan d) => d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes} min {d.Seconds} s" : $"{d.TotalSeconds:0.0} s";

    private async Task<DictionaryRebuild?> LatestAsync(CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        return await db.DictionaryRebuilds.AsNoTracking().OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
    }

    // Cancelled, not disposed: a request still running may read its token.
    public void Dispose() => _disposed.Cancel();
}

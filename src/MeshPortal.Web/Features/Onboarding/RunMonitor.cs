using MeshPortal.DataPlane.Onboarding;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Sits beside a running onboarding: takes the engine's progress reports (cheaply, on the engine's thread) and, on its
/// own loop, writes the latest to the run row at most twice a second with a heartbeat, and polls the row's
/// CancelRequested flag every second, cancelling the run when it is set.
/// </summary>
internal sealed class RunMonitor(IDbContextFactory<MeshDbContext> factory, Guid runId, TimeProvider clock, CancellationTokenSource cancel, ILogger logger)
    : IProgress<OnboardingProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    /// <summary>Ticks between heartbeats when nothing else is written: every 5 s, far inside the 2-minute staleness limit.</summary>
    private const int HeartbeatEvery = 10;
    private readonly Lock _gate = new();
    // Not disposed: DisposeAsync may run twice (success, then a failure to record it), and an undisposed CTS without timers holds nothing.
    private readonly CancellationTokenSource _stop = new();
    private OnboardingProgress? _latest;
    private bool _dirty;
    private Task? _loop;

    /// <summary>True once a user asked for the run to stop (as opposed to the server shutting down).</summary>
    public bool CancelRequested { get; private set; }

    public void Report(OnboardingProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _dirty = true;
        }
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        var ticks = 0;
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    ticks++;
                    await FlushAsync(heartbeatDue: ticks % HeartbeatEvery == 0, _stop.Token);
                    if (ticks % 2 == 0 && await CancelFlagAsync(_stop.Token))
                    {
                        CancelRequested = true;
                        await cancel.CancelAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy database must not stop the run; the next tick tries again.
                    logger.LogWarning(e, "Could not record the progress of onboarding run {RunId}", runId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Writes the latest progress (with a heartbeat) when there is any, else only a heartbeat when one is due.</summary>
    private async Task FlushAsync(bool heartbeatDue, CancellationToken ct)
    {
        OnboardingProgress? latest;
        lock (_gate)
        {
            latest = _dirty ? _latest : null;
            _dirty = false;
        }
        if (latest is null && !heartbeatDue) return;
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = db.OnboardingRuns.Where(r => r.Id == runId);
        if (latest is null)
        {
            await run.ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), ct);
            return;
        }
        var phase = PhaseText(latest.Phase);
        await run.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.HeartbeatAt, now)
            .SetProperty(r => r.Phase, phase)
            .SetProperty(r => r.RowsRead, latest.RowsRead)
            .SetProperty(r => r.RowsReadEstimated, latest.RowsReadEstimated)
            .SetProperty(r => r.RowsValid, latest.RowsValid)
            .SetProperty(r => r.RowsQuarantined, latest.RowsQuarantined)
            .SetProperty(r => r.Progress, latest.Fraction), ct);
    }

    private async Task<bool> CancelFlagAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OnboardingRuns.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(ct);
    }

    public static string PhaseText(OnboardingPhase phase) => phase.ToString().ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
    }
}

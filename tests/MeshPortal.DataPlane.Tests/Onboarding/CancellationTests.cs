using System.Diagnostics;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

[Collection(LargeFileCollection.Name)]
public sealed class CancellationTests(LargeEvents large) : IDisposable
{
    const string SlowGold = "SELECT s.* FROM silver s, (SELECT sum(i) AS x FROM range(20000000000) t(i)) WHERE x > 0";
    readonly Workspace _workspace = new();

    /// <summary>
    /// Cancels a run of the large file when it reaches <paramref name="phase"/> (Bronze: as the file is being kept;
    /// Silver: once DuckDB reports that the one pass over the file is under way; Gold: inside the publish transaction,
    /// while the gold query runs).
    /// </summary>
    [Theory]
    [InlineData(OnboardingPhase.Bronze)]
    [InlineData(OnboardingPhase.Silver)]
    [InlineData(OnboardingPhase.Gold)]
    public async Task CancellingARun_InterruptsIt_AndLeavesThePublishedDataAsItWas(OnboardingPhase phase)
    {
        var first = await _workspace.RunAsync(Workspace.Csv(_workspace.File("small.csv", LargeEvents.Small(100))), Contracts.Events());
        var before = await _workspace.Reader.LayersAsync(_workspace.QuantumId);

        using var cancel = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        var log = new ProgressLog(p =>
        {
            var now = phase == OnboardingPhase.Silver ? p is { Phase: OnboardingPhase.Silver, Fraction: > 0.04 } : p.Phase == phase;
            if (!now || cancelledAt.IsRunning) return;
            cancelledAt.Start();
            cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _workspace.RunAsync(Workspace.Csv(large.Path), Contracts.Events(), phase == OnboardingPhase.Gold ? SlowGold : null, log, cancel.Token));

        Assert.True(cancelledAt.IsRunning, $"the run never reached {phase}");
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(10), $"the run went on for {cancelledAt.Elapsed} after it was cancelled");
        Assert.DoesNotContain(log.Reports, r => r.Phase == OnboardingPhase.Done);
        var after = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.Equal(before.Select(l => (l.Layer, l.RunId, l.Rows)), after.Select(l => (l.Layer, l.RunId, l.Rows)));
        Assert.Equal(100, first.RowsValid);
        Assert.Equal(100, await _workspace.CountAsync("silver.events"));
        Assert.Equal(["bronze.events", "quarantine.events", "silver.events"], await _workspace.TablesAsync());

        // Only the first run's kept file is left: the cancelled run's copy of the large file was deleted.
        var kept = Assert.Single(Directory.GetFiles(_workspace.Storage.BronzeDirectory(_workspace.QuantumId)));
        Assert.StartsWith(before.Single(l => l.Layer == Layer.Bronze).RunId.ToString("N"), Path.GetFileName(kept));
    }

    public void Dispose() => _workspace.Dispose();
}

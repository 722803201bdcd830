using System.Diagnostics;
using System.Reflection;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

/// <summary>
/// A process killed (SIGKILL) in the middle of an onboarding must leave the data published before it untouched, and the
/// next run must succeed: the kill host runs the onboarding of the large file, the test kills it at a phase it reports.
/// </summary>
[Collection(LargeFileCollection.Name)]
public sealed class KillTests(LargeEvents large) : IDisposable
{
    readonly Workspace _workspace = new();

    static string KillHost => typeof(KillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "KillHost").Value!;

    [Theory]
    [InlineData("Silver")] // after the load, while silver is built
    [InlineData("Gold")]   // inside the publish transaction, after the swap, while the (slow) gold query runs
    public async Task AProcessKilledMidRun_LeavesThePublishedDataIntact_AndTheNextRunSucceeds(string phase)
    {
        Assert.True(File.Exists(KillHost), $"The kill host is not built at {KillHost}");
        var first = await _workspace.RunAsync(Workspace.Csv(_workspace.File("first.csv", LargeEvents.Small(100))), Contracts.Events());
        var published = await _workspace.Reader.LayersAsync(_workspace.QuantumId);

        var output = await RunAndKillAsync(phase);

        Assert.Contains($"PHASE {phase}", output);
        Assert.DoesNotContain(output, l => l.StartsWith("DONE", StringComparison.Ordinal));
        var afterKill = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.Equal(published.Select(l => (l.Layer, l.RunId, l.Rows)), afterKill.Select(l => (l.Layer, l.RunId, l.Rows)));
        Assert.Equal(100, first.RowsValid);
        Assert.Equal(100, await _workspace.CountAsync("silver.events"));
        // What the dead run left stays until the next run: in gold, its staging tables, its bronze view and its kept copy
        // of the file; in silver, its copy if it had begun.
        var bronzeFiles = _workspace.Storage.BronzeDirectory(_workspace.QuantumId);
        if (phase == "Gold")
        {
            Assert.Contains(await _workspace.TablesAsync(), t => t.StartsWith("bronze._stage_", StringComparison.Ordinal));
            Assert.Equal(2, Directory.GetFiles(bronzeFiles).Length);
        }
        Assert.Equal(3, await _workspace.CountAsync("meta.loads"));

        var rerun = await _workspace.RunAsync(Workspace.Csv(_workspace.File("rerun.csv", LargeEvents.Small(50, firstId: 500))), Contracts.Events());
        Assert.Equal(50, rerun.RowsValid);
        Assert.Equal(500L, Convert.ToInt64((await _workspace.QueryAsync("SELECT min(id) FROM silver.events"))[0][0]));
        Assert.Equal(["bronze.events", "quarantine.events", "silver.events"], await _workspace.TablesAsync());
        Assert.Single(Directory.GetFiles(bronzeFiles));
    }

    [Fact]
    public async Task WhileAnotherProcessHasTheQuantumOpen_OpeningItSaysItIsBusy_NamingTheProcess()
    {
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("first.csv", LargeEvents.Small(100))), Contracts.Events());
        QuantumBusyException? busy = null;
        var holder = 0;

        await RunAndKillAsync("Gold", async process =>
        {
            holder = process.Id;
            busy = await Assert.ThrowsAsync<QuantumBusyException>(() => _workspace.Reader.LayersAsync(_workspace.QuantumId));
        });

        Assert.StartsWith($"The data of this quantum is in use by another MeshPortal process (process {holder}):", busy!.Message);
        // Once that process is gone, the quantum opens again, with its data as it was.
        Assert.Equal(100, Assert.Single(await _workspace.Reader.LayersAsync(_workspace.QuantumId), l => l.Layer == Layer.Silver).Rows);
    }

    /// <summary>
    /// Starts the kill host, waits for "PHASE <paramref name="phase"/>" on its output, runs <paramref name="meanwhile"/>
    /// (the host still running), kills it; returns what it printed.
    /// </summary>
    async Task<List<string>> RunAndKillAsync(string phase, Func<Process, Task>? meanwhile = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { KillHost, _workspace.Options.RootPath, _workspace.QuantumId.ToString(), large.Path, "--slow-gold" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                lines.Add(line);
                if (line == $"PHASE {phase}") break;
            }
            if (meanwhile is not null && lines.Contains($"PHASE {phase}")) await meanwhile(process);
        }
        finally
        {
            if (!process.HasExited) process.Kill(); // SIGKILL on Linux: no cleanup of any kind runs
            await process.WaitForExitAsync(CancellationToken.None);
        }
        Assert.True(lines.Contains($"PHASE {phase}"),
            $"The kill host ended before {phase}: {string.Join(" / ", lines)} {await process.StandardError.ReadToEndAsync()}");
        return lines;
    }

    public void Dispose() => _workspace.Dispose();
}

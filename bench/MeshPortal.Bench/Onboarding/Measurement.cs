using System.Diagnostics;
using MeshPortal.Bench.Dictionary;

namespace MeshPortal.Bench.Onboarding;

/// <summary>One measured child process: what it loaded, how long it took, what it cost.</summary>
/// <param name="Rows">Rows the measured work produced (the table's rows; for the engine, rows read).</param>
/// <param name="PeakRss">The process's peak resident set (VmHWM: .NET and DuckDB's native memory together).</param>
/// <param name="PeakAnon">Peak anonymous resident memory, sampled every 50 ms (heaps and buffers, no mapped files).</param>
/// <param name="Phases">Seconds per engine phase, from the progress reports.</param>
/// <param name="Detail">What the child wants to say: DuckDB's version, the detected column types, the file sizes.</param>
/// <param name="Error">Why the work failed (then nothing else is meaningful).</param>
/// <param name="QuarantineMatches">Whether the published quarantine holds exactly the planted rows (engine runs).</param>
/// <param name="Statements">A profiled run's statements (see <see cref="EnginePhase.RunAsync"/>).</param>
public sealed record Measurement(
    string Name, long Rows, double Seconds, double CpuSeconds, long PeakRss, long PeakAnon, long PeakHeap,
    string LoadBefore, string LoadAfter, long? Valid = null, long? Quarantined = null,
    List<PhaseTime>? Phases = null, string? Detail = null, long DatabaseBytes = 0, string? Error = null, List<StatementTime>? Statements = null, bool? QuarantineMatches = null);

public sealed record PhaseTime(string Phase, double Seconds);

/// <summary>One SQL statement a profiled engine run executed, and its time.</summary>
public sealed record StatementTime(double Seconds, double CpuSeconds, long Connection, string Sql);

/// <summary>Times one piece of work in this process: wall-clock, process CPU time (all threads, native ones too), peak memory.</summary>
public static class Measure
{
    public static async Task<Measurement> RunAsync(string name, Func<Task<Measurement>> work)
    {
        var loadBefore = LoadAverage();
        using var memory = new MemorySampler();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var result = await work();
        var seconds = timer.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var (rss, anon, heap, hwm) = memory.Peaks();
        return result with
        {
            Name = name, Seconds = seconds, CpuSeconds = cpuSeconds, PeakRss = Math.Max(rss, hwm), PeakAnon = anon, PeakHeap = heap,
            LoadBefore = loadBefore, LoadAfter = LoadAverage(),
        };
    }

    /// <summary>A result to be completed by <see cref="RunAsync"/>.</summary>
    public static Measurement Of(long rows, long? valid = null, long? quarantined = null, List<PhaseTime>? phases = null, string? detail = null, long databaseBytes = 0) =>
        new("", rows, 0, 0, 0, 0, 0, "", "", valid, quarantined, phases, detail, databaseBytes);

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

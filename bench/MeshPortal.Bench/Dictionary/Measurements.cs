using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MeshPortal.Bench.Dictionary;

/// <summary>Latency samples: wall-clock, and the CPU time of the calling thread (which waiting for a busy CPU does not inflate).</summary>
public sealed class Latencies
{
    private readonly List<double> _wall = [];
    private readonly List<double> _cpu = [];

    public int Count => _wall.Count;

    public T Measure<T>(Func<T> action)
    {
        var cpu = ThreadCpu.Now();
        var started = Stopwatch.GetTimestamp();
        var result = action();
        _wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _cpu.Add((ThreadCpu.Now() - cpu).TotalMilliseconds);
        return result;
    }

    /// <summary>The samples at the given positions (e.g. one kind of query).</summary>
    public Latencies Subset(IEnumerable<int> positions)
    {
        var subset = new Latencies();
        foreach (var i in positions)
        {
            subset._wall.Add(_wall[i]);
            subset._cpu.Add(_cpu[i]);
        }
        return subset;
    }

    public Summary Wall => Summary.Of(_wall);
    public Summary Cpu => Summary.Of(_cpu);
}

public sealed record Summary(double P50, double P95, double P99, double Max, double Mean)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Summary(0, 0, 0, 0, 0);
        var sorted = values.Order().ToArray();
        return new Summary(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Rank(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public string Cells() => string.Create(CultureInfo.InvariantCulture, $"{P50:F2} | {P95:F2} | {P99:F2} | {Max:F1} | {Mean:F2}");
}

/// <summary>CLOCK_THREAD_CPUTIME_ID: the calling thread's CPU time, in nanoseconds (Linux).</summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }
}

/// <summary>
/// Samples this process's memory every 50 ms while a phase runs: the resident set (VmRSS, which also counts the
/// index files Lucene maps into memory), its anonymous part (RssAnon: heaps, buffers — what memory pressure is made
/// of) and the GC heap; plus the kernel's own peak (VmHWM) at the end.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakRss;
    private long _peakAnon;
    private long _peakHeap;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

    public void Sample()
    {
        var status = Status();
        var heap = GC.GetTotalMemory(false);
        lock (_timer)
        {
            _peakRss = Math.Max(_peakRss, status.GetValueOrDefault("VmRSS"));
            _peakAnon = Math.Max(_peakAnon, status.GetValueOrDefault("RssAnon"));
            _peakHeap = Math.Max(_peakHeap, heap);
        }
    }

    public (long PeakRss, long PeakAnon, long PeakHeap, long Hwm) Peaks()
    {
        Sample();
        lock (_timer)
        {
            var hwm = Status().GetValueOrDefault("VmHWM");
            return (_peakRss, _peakAnon, _peakHeap, hwm > 0 ? hwm : Process.GetCurrentProcess().PeakWorkingSet64);
        }
    }

    /// <summary>The "kB" lines of /proc/self/status, in bytes.</summary>
    private static Dictionary<string, long> Status()
    {
        var values = new Dictionary<string, long>();
        if (!File.Exists("/proc/self/status")) return values;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || !line.EndsWith(" kB", StringComparison.Ordinal)) continue;
            if (long.TryParse(line.AsSpan(colon + 1, line.Length - colon - 4).Trim(), CultureInfo.InvariantCulture, out var kb)) values[line[..colon]] = kb * 1024;
        }
        return values;
    }

    public void Dispose() => _timer.Dispose();
}

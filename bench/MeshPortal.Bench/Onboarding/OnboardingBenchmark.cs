using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MeshPortal.DataPlane;

namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// The onboarding targets of the data-plane issue, on a generated CSV of 10 million order lines × 12 columns (≈ 1.1 GB)
/// with planted defects: end-to-end onboarding (bronze, silver validation with quarantine, atomic publish) in ≤ 1.5× the
/// time of DuckDB's bare read_csv into a table, peak memory ≤ 2 GB. The baseline and the engine run in the same
/// benchmark, each measurement in its own child process so that its peak memory is its own.
/// </summary>
public static class OnboardingBenchmark
{
    internal const double RatioTarget = 1.5;
    internal const long PeakMemoryTargetBytes = 2L * 1024 * 1024 * 1024;
    public const string ChildCommand = "onboarding-child";

    internal static readonly (string Phase, string Name)[] Measurements =
    [
        ("read-csv", "DuckDB read_csv, detected types (ignore_errors)"),
        ("read-csv-varchar", "DuckDB read_csv, all_varchar"),
        ("engine-first", "onboarding, first run (empty quantum)"),
        ("engine-rerun", "onboarding, rerun (replaces the published data)"),
        ("engine-upload", "onboarding, an upload (first run; bronze: a hard link)"),
        ("engine-profile", "onboarding, rerun with every statement logged (not a measured run)"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var work = Path.GetFullPath(options.Work ?? Path.Combine(Path.GetTempPath(), "meshportal-bench-onboarding"));
        Directory.CreateDirectory(work);
        var file = new OrdersCsv(options.Rows, options.Seed);
        var engineOptions = new DataPlaneOptions();
        Console.WriteLine($"# Onboarding benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine($"- command: `dotnet run -c Release --project bench/MeshPortal.Bench -- onboarding {string.Join(' ', args)}`".TrimEnd());
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {TotalMemory() / 1024.0 / 1024 / 1024:F0} GB memory, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {(IsRelease() ? "Release" : "DEBUG build: figures are not representative")}, children with server GC");
        Console.WriteLine($"- DuckDB settings (DataPlaneOptions defaults, on every side): memory_limit {engineOptions.DuckDbMemoryLimit}, threads {(engineOptions.DuckDbThreads > 0 ? $"{engineOptions.DuckDbThreads}" : $"one per core ({Environment.ProcessorCount})")}");
        Console.WriteLine($"- work folder {work}; load average at start: {Measure.LoadAverage()}");
        Console.WriteLine();

        var csv = Path.Combine(work, "orders.csv");
        var (bytes, generation) = Generate(file, csv, options.Reuse);
        var warm = Stopwatch.StartNew();
        ReadThrough(csv);
        Console.WriteLine("| file | |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| {csv} | {file.Rows:N0} rows × {OrdersCsv.Columns.Length} columns + header, {Megabytes(bytes):N0} MB ({bytes / (double)file.Rows:F0} bytes a row), seed {options.Seed} |");
        Console.WriteLine($"| generation | {generation} |");
        Console.WriteLine($"| read once before measuring (page cache warm for every side) | {warm.Elapsed.TotalSeconds:F1} s, {Megabytes(bytes) / warm.Elapsed.TotalSeconds:N0} MB/s |");
        Console.WriteLine();
        OnboardingReport.PrintPlan(file.Plan);

        var results = Measurements.ToDictionary(m => m.Phase, _ => new List<Measurement>());
        for (var run = 0; run < options.Repeat; run++)
        {
            foreach (var (phase, name) in Measurements)
            {
                if (options.BaselineOnly && phase.StartsWith("engine", StringComparison.Ordinal)) continue;
                if (phase == "engine-profile" && (!options.Profile || run > 0)) continue;
                results[phase].Add(RunChild(options, work, phase, name));
            }
        }

        var measured = results.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => OnboardingReport.Median(r.Value));
        OnboardingReport.PrintMeasurements(results, measured, options.Repeat);
        if (options.Repeat > 1) OnboardingReport.PrintRounds(results, options.Repeat);
        var countsMatch = OnboardingReport.PrintCounts(file, results);
        OnboardingReport.PrintPhases(results);
        OnboardingReport.PrintStatements(results["engine-profile"], options.Keep || options.Work is not null ? work : null);
        var met = OnboardingReport.PrintChecks(measured, options.BaselineOnly);
        Console.WriteLine($"Load average at the end: {Measure.LoadAverage()}.");
        if (!options.Keep && options.Work is null) Directory.Delete(work, recursive: true);
        return !countsMatch ? 3 : met ? 0 : 2;
    }

    /// <summary>The child process: one measurement, its result as one JSON line on stdout.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var options = Options.Parse(args[1..]);
        var work = options.Work!;
        var csv = Path.Combine(work, "orders.csv");
        var name = Measurements.First(m => m.Phase == args[0]).Name;
        Measurement result;
        try
        {
            result = args[0] switch
            {
                "read-csv" => await BaselinePhase.ReadCsvAsync(name, csv, Path.Combine(work, "baseline.duckdb"), allVarchar: false, new DataPlaneOptions()),
                "read-csv-varchar" => await BaselinePhase.ReadCsvAsync(name, csv, Path.Combine(work, "baseline.duckdb"), allVarchar: true, new DataPlaneOptions()),
                "engine-first" => await EnginePhase.RunAsync(name, new OrdersCsv(options.Rows, options.Seed), csv, work, rerun: false),
                "engine-rerun" => await EnginePhase.RunAsync(name, new OrdersCsv(options.Rows, options.Seed), csv, work, rerun: true),
                "engine-upload" => await EnginePhase.RunAsync(name, new OrdersCsv(options.Rows, options.Seed), csv, work, rerun: false, upload: true),
                "engine-profile" => await EnginePhase.RunAsync(name, new OrdersCsv(options.Rows, options.Seed), csv, work, rerun: true, profile: true),
                _ => throw new ArgumentException($"Unknown phase {args[0]}."),
            };
        }
        catch (Exception e)
        {
            result = Measure.Of(0) with { Name = name, Error = $"{e.GetType().Name}: {e.Message}", LoadBefore = "", LoadAfter = Measure.LoadAverage() };
        }
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static Measurement RunChild(Options options, string work, string phase, string name)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(OnboardingBenchmark).Assembly.Location);
        foreach (var a in new[] { ChildCommand, phase, "--work", work, "--rows", $"{options.Rows}", "--seed", $"{options.Seed}" })
            start.ArgumentList.Add(a);
        // Onboarding runs in the web app's Hangfire server, with server GC (the Web SDK's default); so does every child.
        start.Environment["DOTNET_gcServer"] = "1";
        Console.Error.WriteLine($"  {name}… (load {Measure.LoadAverage()})");
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var last = output.Trim().Split('\n')[^1];
        if (child.ExitCode != 0 || !last.StartsWith('{')) throw new InvalidOperationException($"The {phase} child failed ({child.ExitCode}): {output}");
        var result = JsonSerializer.Deserialize<Measurement>(last)!;
        Console.Error.WriteLine(result.Error is null
            ? string.Create(CultureInfo.InvariantCulture, $"    {result.Seconds:F1} s, {result.Rows / result.Seconds:N0} rows/s, CPU {result.CpuSeconds:F1} s, peak {Megabytes(result.PeakRss):N0} MB")
            : $"    failed: {result.Error}");
        return result;
    }

    private static (long Bytes, string Generation) Generate(OrdersCsv file, string csv, bool reuse)
    {
        // The manifest says which generator, rows and seed wrote the file, and its size then.
        var manifest = csv + ".manifest";
        string Manifest(long bytes) => $"generator {GeneratorVersion}, rows {file.Rows}, seed {file.Seed}, bytes {bytes}";
        if (reuse && File.Exists(csv) && File.Exists(manifest) && File.ReadAllText(manifest) == Manifest(new FileInfo(csv).Length))
            return (new FileInfo(csv).Length, "reused (--reuse: same generator, rows and seed)");
        Console.Error.WriteLine($"  generating {file.Rows:N0} rows…");
        var timer = Stopwatch.StartNew();
        var written = file.Write(csv);
        var seconds = timer.Elapsed.TotalSeconds;
        File.WriteAllText(manifest, Manifest(written));
        return (written, string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s, {file.Rows / seconds:N0} rows/s, {Megabytes(written) / seconds:N0} MB/s"));
    }

    /// <summary>Bumped whenever the generator's output changes, so --reuse never measures an older file.</summary>
    private const int GeneratorVersion = 1;

    private static void ReadThrough(string path)
    {
        var buffer = new byte[1 << 20];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (stream.Read(buffer, 0, buffer.Length) > 0) { }
    }

    private static long TotalMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    internal static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;

    private static bool IsRelease()
    {
#if DEBUG
        return false;
#else
        return true;
#endif
    }

    private sealed record Options(long Rows, int Seed, int Repeat, string? Work, bool Keep, bool Reuse, bool BaselineOnly, bool Profile)
    {
        public static Options Parse(string[] args) => new(
            Long(args, "--rows", 10_000_000), (int)Long(args, "--seed", 42), (int)Long(args, "--repeat", 1), Value(args, "--work"),
            args.Contains("--keep"), args.Contains("--reuse"), args.Contains("--baseline-only"), args.Contains("--profile"));

        private static string? Value(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static long Long(string[] args, string name, long fallback) =>
            long.TryParse(Value(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}

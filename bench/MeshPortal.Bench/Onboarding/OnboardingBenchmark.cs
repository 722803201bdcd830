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
    private const double RatioTarget = 1.5;
    private const long PeakMemoryTargetBytes = 2L * 1024 * 1024 * 1024;
    public const string ChildCommand = "onboarding-child";

    private static readonly (string Phase, string Name)[] Measurements =
    [
        ("read-csv", "DuckDB read_csv, detected types (ignore_errors)"),
        ("read-csv-varchar", "DuckDB read_csv, all_varchar"),
        ("engine-first", "onboarding, first run (empty quantum)"),
        ("engine-rerun", "onboarding, rerun (replaces the published data)"),
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
        PrintPlan(file.Plan);

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

        var measured = results.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => Median(r.Value));
        PrintMeasurements(results, measured, options.Repeat);
        var countsMatch = PrintCounts(file, results);
        PrintPhases(results);
        PrintStatements(results["engine-profile"], options.Keep || options.Work is not null ? work : null);
        var met = PrintChecks(measured, options.BaselineOnly);
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

    private static void PrintPlan(DefectPlan plan)
    {
        Console.WriteLine("| planted defect | where | rows |");
        Console.WriteLine("| --- | --- | ---: |");
        var byKind = plan.Defects.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (kind, where) in new[]
                 {
                     (DefectKind.BadInteger, "quantity (integer): `12x`, `n/a`, `--`, `1O`"),
                     (DefectKind.BadDecimal, "unit_price (number): `\"12,50\"`, `9.99.9`, `abc`, `$4.20`"),
                     (DefectKind.BadTimestamp, "created_at (timestamp): `2025-02-30 08:00:00`, `31/12/2025 10:00`, `not a date`, `2025-13-01 10:00:00`"),
                     (DefectKind.MissingRequired, "empty customer_id, sku or created_at (required)"),
                     (DefectKind.DuplicateKey, "order_id (primary key) repeating an earlier valid row's"),
                     (DefectKind.EnumViolation, "currency `XXX`/`EURO`/`BTC` or status `lost`/`on-hold`/`pending`"),
                 })
            Console.WriteLine($"| {kind} | {where} | {byKind.GetValueOrDefault(kind):N0} |");
        Console.WriteLine($"| **rows to quarantine** | every defective row{(EnginePhase.QuarantinesEveryDuplicate ? ", and the earlier row of each duplicated key" : " (the first row of a duplicated key stays valid)")} | **{plan.ExpectedQuarantined(EnginePhase.QuarantinesEveryDuplicate):N0}** |");
        Console.WriteLine();
    }

    private static void PrintMeasurements(Dictionary<string, List<Measurement>> results, Dictionary<string, Measurement> measured, int repeat)
    {
        if (repeat > 1) Console.WriteLine($"Each measurement ran {repeat} times; the row is the run with the median time, the range is over all runs.\n");
        Console.WriteLine($"| measurement | rows | time (s) |{(repeat > 1 ? " range (s) |" : "")} rows/s | CPU (s) | peak RSS (MB) | peak anonymous (MB) | database (MB) | load avg before → after |");
        Console.WriteLine($"| --- | ---: | ---: |{(repeat > 1 ? " ---: |" : "")} ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (phase, name) in Measurements)
        {
            if (!measured.TryGetValue(phase, out var m)) continue;
            if (m.Error is not null)
            {
                Console.WriteLine($"| {name} | **failed**: {m.Error.ReplaceLineEndings(" ").Replace("|", "\\|")} |");
                continue;
            }
            var range = repeat > 1 ? string.Create(CultureInfo.InvariantCulture, $" {results[phase].Min(r => r.Seconds):F1}–{results[phase].Max(r => r.Seconds):F1} |") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {m.Rows:N0} | {m.Seconds:F1} |{range} {m.Rows / m.Seconds:N0} | {m.CpuSeconds:F1} | {Megabytes(m.PeakRss):N0} | {Megabytes(m.PeakAnon):N0} | {Megabytes(m.DatabaseBytes):N0} | {m.LoadBefore} → {m.LoadAfter} |"));
        }
        Console.WriteLine();
        foreach (var (phase, name) in Measurements)
            if (measured.TryGetValue(phase, out var m) && m.Detail is not null) Console.WriteLine($"- {name}: {m.Detail}");
        Console.WriteLine();
    }

    /// <summary>The engine's counts against the plan: a run that quarantined the wrong rows measured the wrong work.</summary>
    private static bool PrintCounts(OrdersCsv file, Dictionary<string, List<Measurement>> results)
    {
        var runs = results.Where(r => r.Key.StartsWith("engine", StringComparison.Ordinal)).SelectMany(r => r.Value).Where(m => m.Error is null).ToList();
        if (runs.Count == 0) return true;
        var quarantined = file.Plan.ExpectedQuarantined(EnginePhase.QuarantinesEveryDuplicate);
        var expected = (Read: file.Rows, Valid: file.Rows - quarantined, Quarantined: quarantined);
        var match = runs.All(m => m.Rows == expected.Read && m.Valid == expected.Valid && m.Quarantined == expected.Quarantined);
        Console.WriteLine("| engine's counts | read | valid | quarantined |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| expected (from the generator's plan) | {expected.Read:N0} | {expected.Valid:N0} | {expected.Quarantined:N0} |");
        foreach (var m in runs) Console.WriteLine($"| {m.Name} | {m.Rows:N0} | {m.Valid:N0} | {m.Quarantined:N0} |");
        Console.WriteLine();
        Console.WriteLine(match ? "The engine's counts equal the plan's in every run." : "**The engine's counts differ from the plan: the timings above are not of the intended work.**");
        Console.WriteLine();
        return match;
    }

    private static void PrintPhases(Dictionary<string, List<Measurement>> results)
    {
        var runs = results.Where(r => r.Key.StartsWith("engine", StringComparison.Ordinal)).Select(r => r.Value.Count > 0 ? Median(r.Value) : null)
            .Where(m => m is { Error: null, Phases.Count: > 0 }).ToList();
        if (runs.Count == 0) return;
        var phases = runs.SelectMany(m => m!.Phases!.Select(p => p.Phase)).Distinct().ToList();
        Console.WriteLine($"| engine phase (from its progress reports) | {string.Join(" | ", runs.Select(m => $"{m!.Name} (s)"))} |");
        Console.WriteLine($"| --- |{string.Concat(runs.Select(_ => " ---: |"))}");
        foreach (var phase in phases)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {string.Join(" | ", runs.Select(m => m!.Phases!.Where(p => p.Phase == phase).Sum(p => p.Seconds).ToString("F1", CultureInfo.InvariantCulture)))} |"));
        Console.WriteLine();
    }

    /// <summary>The profiled run's statements that took 0.1 s or more, in the order they ran.</summary>
    /// <param name="keptWork">The work folder when it is kept: the statements are written there whole, for EXPLAIN ANALYZE by hand.</param>
    private static void PrintStatements(List<Measurement> profiled, string? keptWork)
    {
        if (profiled.FirstOrDefault() is not { Error: null, Statements: { } statements } run) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Statements of the profiled run ({run.Seconds:F1} s in all, {statements.Count} statements; those of 0.1 s or more, in order; the rest took {statements.Where(s => s.Seconds < 0.1).Sum(s => s.Seconds):F1} s):"));
        Console.WriteLine();
        if (keptWork is not null)
        {
            var file = Path.Combine(keptWork, "profiled-statements.sql");
            File.WriteAllLines(file, statements.Select(s => string.Create(CultureInfo.InvariantCulture, $"-- {s.Seconds:F2} s, CPU {s.CpuSeconds:F2} s\n{s.Sql.TrimEnd().TrimEnd(';')};\n")));
            Console.WriteLine($"(All of them, whole: {file}.)");
            Console.WriteLine();
        }
        Console.WriteLine("| time (s) | CPU (s) | statement |");
        Console.WriteLine("| ---: | ---: | --- |");
        foreach (var s in statements.Where(s => s.Seconds >= 0.1))
        {
            var sql = string.Join(' ', s.Sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Seconds:F1} | {s.CpuSeconds:F1} | `{(sql.Length > 300 ? sql[..300] + "…" : sql).Replace("|", "\\|").Replace("`", "'")}` |"));
        }
        Console.WriteLine();
    }

    private static bool PrintChecks(Dictionary<string, Measurement> measured, bool baselineOnly)
    {
        var baseline = measured.GetValueOrDefault("read-csv");
        var varchar = measured.GetValueOrDefault("read-csv-varchar");
        var checks = new List<(string Target, string Measured, bool Met)>();
        foreach (var phase in new[] { "engine-first", "engine-rerun" })
        {
            if (baselineOnly) break;
            var engine = measured.GetValueOrDefault(phase);
            var name = phase == "engine-first" ? "first run" : "rerun";
            if (engine is null || engine.Error is not null || baseline is null || baseline.Error is not null)
            {
                checks.Add(($"onboarding ({name}) ≤ {RatioTarget}× read_csv", "not measured (a side failed)", false));
                continue;
            }
            var ratio = engine.Seconds / baseline.Seconds;
            var versusVarchar = varchar is { Error: null } ? string.Create(CultureInfo.InvariantCulture, $"; {engine.Seconds / varchar.Seconds:F2}× the all_varchar read") : "";
            checks.Add((string.Create(CultureInfo.InvariantCulture, $"onboarding ({name}) ≤ {RatioTarget}× read_csv"),
                string.Create(CultureInfo.InvariantCulture, $"{engine.Seconds:F1} s / {baseline.Seconds:F1} s = **{ratio:F2}×** (CPU {engine.CpuSeconds / baseline.CpuSeconds:F2}×){versusVarchar}"),
                ratio <= RatioTarget));
            checks.Add(($"peak memory ≤ 2 GB ({name})", $"{Megabytes(engine.PeakRss):N0} MB resident (VmHWM), {Megabytes(engine.PeakAnon):N0} MB anonymous", engine.PeakRss <= PeakMemoryTargetBytes));
        }
        if (checks.Count == 0) return true;
        Console.WriteLine("| target | measured | met |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (target, value, met) in checks) Console.WriteLine($"| {target} | {value} | {(met ? "yes" : "**no**")} |");
        Console.WriteLine();
        return checks.All(c => c.Met);
    }

    /// <summary>The run with the median time (the lower middle one for an even count); a failed run if any failed.</summary>
    private static Measurement Median(List<Measurement> runs) =>
        runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Seconds).ElementAt((runs.Count - 1) / 2);

    private static long TotalMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;

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

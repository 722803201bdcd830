using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MeshPortal.Web.Search;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// The dictionary targets of the dictionary issue, on a generated mesh (10,000 quanta, 20,000 contracts, 1,000,000
/// columns by default): a full Lucene rebuild (≥ 20,000 documents/s, peak memory ≤ 1.5 GB) and 1,000 mixed queries
/// (p95 ≤ 20 ms), side by side with a plain SQL LIKE search over the same data. Each rebuild and the query phase run
/// in a child process (with the web app's server GC), so each one's peak memory is its own.
/// </summary>
public static class DictionaryBenchmark
{
    private const double RebuildTargetDocsPerSecond = 20_000;
    private const double PeakMemoryTargetBytes = 1.5 * 1024 * 1024 * 1024;
    private const double P95TargetMs = 20;
    public const string ChildCommand = "dictionary-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), "meshportal-bench-dictionary");
        Directory.CreateDirectory(work);
        var mesh = options.Mesh();
        Console.WriteLine($"# Dictionary benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine($"- command: `dotnet run -c Release --project bench/MeshPortal.Bench -- dictionary {string.Join(' ', args)}`".TrimEnd());
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {Gigabytes(TotalMemory()):F0} GB memory, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {(IsRelease() ? "Release" : "DEBUG build: figures are not representative")}");
        Console.WriteLine($"- mesh: {mesh.DomainList.Count} domains, {mesh.QuantumCount:N0} quanta, {mesh.ContractCount:N0} contracts, {mesh.ColumnCount:N0} columns (seed {options.Seed}); work folder {work}");
        Console.WriteLine($"- load average at start: {LoadAverage()}");
        Console.WriteLine();

        var metadataPath = Path.Combine(work, "metadata.db");
        var likePath = Path.Combine(work, "like.db");
        var generation = new List<(string Name, string Value)>();
        if (!options.Reuse || !File.Exists(metadataPath) || !File.Exists(likePath))
        {
            foreach (var file in Directory.EnumerateFiles(work, "*.db*")) File.Delete(file);
            var timer = Stopwatch.StartNew();
            await new MetadataDatabase(metadataPath).FillAsync(mesh, m => Console.Error.WriteLine($"  metadata database: {m} ({timer.Elapsed.TotalSeconds:F0} s)"));
            generation.Add(("metadata database (real schema, migrations)", $"{timer.Elapsed.TotalSeconds:F1} s, {Megabytes(new FileInfo(metadataPath).Length):N0} MB"));
            timer.Restart();
            LikeSearch.Create(likePath, GeneratedDocuments.All(mesh));
            generation.Add(("LIKE table (one row per entry, filter columns indexed)", $"{timer.Elapsed.TotalSeconds:F1} s, {Megabytes(new FileInfo(likePath).Length):N0} MB"));
        }
        var enumerate = Stopwatch.StartNew();
        var documents = GeneratedDocuments.All(mesh).LongCount();
        generation.Add(("generator alone (documents streamed, nothing written)", $"{enumerate.Elapsed.TotalSeconds:F1} s for {documents:N0} documents"));
        Console.WriteLine("| generation | |");
        Console.WriteLine("| --- | --- |");
        foreach (var (name, value) in generation) Console.WriteLine($"| {name} | {value} |");
        Console.WriteLine();

        var fromGenerator = RunChild(options, work, "rebuild-generated");
        var fromDatabase = RunChild(options, work, "rebuild-app");
        var projection = RunChild(options, work, "projection");
        Console.WriteLine("| full rebuild (Lucene) | documents | time (s) | documents/s | CPU (s) | peak RSS (MB) | peak anonymous RSS (MB) | peak GC heap (MB) | load avg |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, r) in new[] { ("from the generator (index only)", fromGenerator), ("from the metadata database (DictionaryIndexer.RebuildAsync, as the job runs)", fromDatabase),
                     ("of which: reading the database (DictionaryProjection.AllAsync alone, nothing indexed)", projection) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {r.Documents:N0} | {r.Seconds:F1} | {r.Documents / r.Seconds:N0} | {r.CpuSeconds:F1} | {Megabytes(r.PeakRss):N0} | {Megabytes(r.PeakAnon):N0} | {Megabytes(r.PeakHeap):N0} | {r.Load} |"));
        }
        Console.WriteLine();

        var queries = RunChild(options, work, "queries");
        Console.WriteLine($"{options.Queries:N0} mixed queries, page size 20, after {Warmup} warm-up queries; times in ms. Load average during: {queries.Load}.");
        Console.WriteLine();
        Console.WriteLine("| engine | kind | queries | p50 | p95 | p99 | max | mean | CPU p50 | CPU p95 | CPU p99 | mean total hits |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in queries.Rows!)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Engine} | {row.Kind} | {row.Count:N0} | {row.Wall.P50:F2} | {row.Wall.P95:F2} | {row.Wall.P99:F2} | {row.Wall.Max:F1} | {row.Wall.Mean:F2} | {row.Cpu.P50:F2} | {row.Cpu.P95:F2} | {row.Cpu.P99:F2} | {row.MeanTotal:N0} |"));
        }
        Console.WriteLine();

        var lucene = queries.Rows!.First(r => r is { Engine: "Lucene", Kind: "all" });
        if (options.SkipSql) Console.WriteLine("(--skip-sql: the SQL LIKE side was not run.)\n");
        var checks = new (string Target, string Measured, bool Met)[]
        {
            ("query p95 ≤ 20 ms", $"{lucene.Wall.P95:F1} ms wall, {lucene.Cpu.P95:F1} ms CPU", lucene.Wall.P95 <= P95TargetMs),
            ("rebuild ≥ 20,000 documents/s", $"{fromDatabase.Documents / fromDatabase.Seconds:N0}/s from the database, {fromGenerator.Documents / fromGenerator.Seconds:N0}/s index only", fromDatabase.Documents / fromDatabase.Seconds >= RebuildTargetDocsPerSecond),
            ("peak memory ≤ 1.5 GB", $"{Megabytes(Math.Max(fromDatabase.PeakRss, fromGenerator.PeakRss)):N0} MB RSS, {Megabytes(Math.Max(fromDatabase.PeakAnon, fromGenerator.PeakAnon)):N0} MB anonymous", Math.Max(fromDatabase.PeakRss, fromGenerator.PeakRss) <= PeakMemoryTargetBytes),
        };
        Console.WriteLine("| target | measured | met |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (target, measured, met) in checks) Console.WriteLine($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {LoadAverage()}.");
        if (!options.Keep && options.Work is null) Directory.Delete(work, recursive: true);
        return checks.All(c => c.Met) ? 0 : 2;
    }

    private const int Warmup = 100;

    /// <summary>The child process: one phase, its result as one JSON line on stdout.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var options = Options.Parse(args[1..]);
        var work = options.Work!;
        var result = args[0] switch
        {
            "rebuild-generated" => await RebuildPhase.FromGeneratorAsync(options.Mesh(), Path.Combine(work, "index-generated")),
            "rebuild-app" => await RebuildPhase.FromDatabaseAsync(Path.Combine(work, "metadata.db"), Path.Combine(work, "index-app")),
            "projection" => await RebuildPhase.ProjectionOnlyAsync(Path.Combine(work, "metadata.db")),
            "queries" => await QueryPhase.RunAsync(Path.Combine(work, "index-app"), Path.Combine(work, "like.db"), options.Queries, Warmup, options.SkipSql),
            _ => throw new ArgumentException($"Unknown phase {args[0]}."),
        };
        Console.WriteLine(JsonSerializer.Serialize(result with { Load = LoadAverage() }));
        return 0;
    }

    private static PhaseResult RunChild(Options options, string work, string phase)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(DictionaryBenchmark).Assembly.Location);
        foreach (var a in new[] { ChildCommand, phase, "--work", work, "--quanta", $"{options.Quanta}", "--contracts", $"{options.Contracts}", "--columns", $"{options.Columns}", "--queries", $"{options.Queries}", "--seed", $"{options.Seed}" })
            start.ArgumentList.Add(a);
        if (options.SkipSql) start.ArgumentList.Add("--skip-sql");
        // The web app runs with server GC (the Web SDK's default); so do the measured phases.
        start.Environment["DOTNET_gcServer"] = "1";
        Console.Error.WriteLine($"  {phase}…");
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"The {phase} phase failed ({child.ExitCode}).");
        return JsonSerializer.Deserialize<PhaseResult>(output.Trim().Split('\n')[^1])!;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long TotalMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;

    private static double Gigabytes(long bytes) => bytes / 1024.0 / 1024.0 / 1024.0;

    private static bool IsRelease()
    {
#if DEBUG
        return false;
#else
        return true;
#endif
    }

    private sealed record Options(int Quanta, int Contracts, long Columns, int Queries, int Seed, string? Work, bool Keep, bool Reuse, bool SkipSql)
    {
        public MeshGenerator Mesh() => new(Quanta, Contracts, Columns, Seed);

        public static Options Parse(string[] args) => new(
            Int(args, "--quanta", 10_000), Int(args, "--contracts", 20_000), Int(args, "--columns", 1_000_000), Int(args, "--queries", 1000),
            Int(args, "--seed", 42), Value(args, "--work"), args.Contains("--keep"), args.Contains("--reuse"), args.Contains("--skip-sql"));

        private static string? Value(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static int Int(string[] args, string name, int fallback) =>
            int.TryParse(Value(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}

public sealed record PhaseResult(long Documents, double Seconds, double CpuSeconds, long PeakRss, long PeakAnon, long PeakHeap, string Load, List<QueryRow>? Rows = null);

public sealed record QueryRow(string Engine, string Kind, int Count, Summary Wall, Summary Cpu, double MeanTotal);

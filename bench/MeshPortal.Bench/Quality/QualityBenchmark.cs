using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Bench.Quality;

/// <summary>
/// The quality target of issue 6: a quality run of ten library rules (two of them duplicate counts) on one object of
/// 10 million rows in ≤ 1.1× the faster of (a) one hand-written DuckDB query computing the same aggregates and (b) one
/// hand-written query per rule, side by side in the same run. The engine is timed with each of its batching plans, so
/// that the measurements choose <see cref="QualityEngine.DefaultPlan"/>.
/// </summary>
public static class QualityBenchmark
{
    private const double RatioTarget = 1.1;

    private sealed record Side(string Key, string Name, Func<DuckDBConnection, Task<double[]>> Run);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 10_000_000);
        var iterations = (int)Option(args, "--iterations", 5);
        var warmup = (int)Option(args, "--warmup", 1);
        var workOption = Text(args, "--work");
        var work = Path.GetFullPath(workOption ?? Path.Combine(Path.GetTempPath(), "meshportal-bench-quality"));
        Directory.CreateDirectory(work);
        var contract = ContractNormalizer.Normalize((JsonObject)YamlJson.Parse(QualityRules.Contract)!);

        Console.WriteLine($"# Quality benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine($"- command: `dotnet run -c Release --project bench/MeshPortal.Bench -- quality {string.Join(' ', args)}`".TrimEnd());
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {(IsRelease() ? "Release" : "DEBUG build: figures are not representative")}");
        Console.WriteLine($"- load average at start: {LoadAverage()}");

        await using var connection = new DuckDBConnection($"Data Source={Path.Combine(work, "quality.duckdb")}");
        await connection.OpenAsync();
        var generation = OrdersTable.Ensure(connection, rows, args.Contains("--reuse"));
        Console.WriteLine($"- DuckDB {OrdersTable.Scalar(connection, "SELECT version()")}, default settings (threads = {OrdersTable.Scalar(connection, "SELECT current_setting('threads')")}), database file in {work}");
        Console.WriteLine($"- table {OrdersTable.Table}: {rows:N0} rows × {OrdersTable.Columns.Length} columns, {generation}; {warmup} warm-up run and {iterations} measured runs of each side, sides interleaved");
        Console.WriteLine();
        Console.WriteLine("| column | type | planted |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (column, type, defects) in OrdersTable.Columns) Console.WriteLine($"| {column} | {type} | {defects} |");
        Console.WriteLine();

        var sides = new List<Side>
        {
            new("a", "(a) one hand-written query", c => HandAsync(c, [QualityRules.OneQuery])),
            new("b", "(b) one hand-written query per rule", c => HandAsync(c, QualityRules.QueryPerRule)),
        };
        foreach (var plan in Enum.GetValues<QualityPlan>())
            sides.Add(new(plan.ToString(), $"engine, plan {plan}{(plan == QualityEngine.DefaultPlan ? " (default)" : "")}", c => EngineAsync(c, contract, plan)));

        // Values first: every side must measure the same ten numbers.
        var values = new Dictionary<string, double[]>();
        foreach (var side in sides) values[side.Key] = await side.Run(connection);
        var valuesMatch = PrintValues(values);

        var wall = sides.ToDictionary(s => s.Key, _ => new List<double>());
        var cpu = sides.ToDictionary(s => s.Key, _ => new List<double>());
        for (var i = 0; i < warmup + iterations; i++)
        {
            // Rotate the order each round, so that no side always runs first (cold) or last.
            foreach (var side in sides.Skip(i % sides.Count).Concat(sides.Take(i % sides.Count)))
            {
                var (seconds, cpuSeconds) = await TimeAsync(() => side.Run(connection));
                if (i < warmup) continue;
                wall[side.Key].Add(seconds);
                cpu[side.Key].Add(cpuSeconds);
            }
        }

        Console.WriteLine("| side | queries | median (s) | min (s) | max (s) | CPU median (s) | ÷ faster of (a), (b) (wall) | ÷ (CPU) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var limit = Math.Min(Median(wall["a"]), Median(wall["b"]));
        var cpuLimit = Math.Min(Median(cpu["a"]), Median(cpu["b"]));
        foreach (var side in sides)
        {
            var w = wall[side.Key];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {side.Name} | {Queries(side.Key)} | {Median(w):F2} | {w.Min():F2} | {w.Max():F2} | {Median(cpu[side.Key]):F2} | {Median(w) / limit:F2} | {Median(cpu[side.Key]) / cpuLimit:F2} |"));
        }
        Console.WriteLine();

        var fastestPlan = Enum.GetValues<QualityPlan>().MinBy(p => Median(wall[p.ToString()]));
        var fastestCpuPlan = Enum.GetValues<QualityPlan>().MinBy(p => Median(cpu[p.ToString()]));
        var engine = Median(wall[QualityEngine.DefaultPlan.ToString()]);
        var engineCpu = Median(cpu[QualityEngine.DefaultPlan.ToString()]);
        var met = engine <= RatioTarget * limit;
        Console.WriteLine($"- fastest engine plan: {fastestPlan} on the clock, {fastestCpuPlan} on CPU time; the engine's default plan is {QualityEngine.DefaultPlan}{(fastestPlan == QualityEngine.DefaultPlan ? "" : " — **not the fastest in this run**")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- target: engine (default plan) ≤ {RatioTarget}× the faster of (a) and (b): {engine:F2} s vs {limit:F2} s = {engine / limit:F2}× on the clock ({(met ? "met" : "**missed**")}); {engineCpu / cpuLimit:F2}× on CPU time"));
        Console.WriteLine($"- values: {(valuesMatch ? "every side measured the same ten values" : "**the sides disagree**")}");
        Console.WriteLine($"- load average at the end: {LoadAverage()}");
        if (workOption is null && !args.Contains("--keep"))
        {
            await connection.CloseAsync();
            DeleteWork(work);
        }
        return !valuesMatch ? 3 : met ? 0 : 2;
    }

    private static string Queries(string key) => key switch
    {
        "a" => "1",
        "b" => $"{QualityRules.HandWritten.Length}",
        nameof(QualityPlan.PerRule) => $"{QualityRules.HandWritten.Length}",
        nameof(QualityPlan.SingleScan) => "1",
        _ => "3",
    };

    private static async Task<double[]> EngineAsync(DuckDBConnection connection, NormalizedContract contract, QualityPlan plan)
    {
        var engine = new QualityEngine(new DataPlaneOptions()) { Plan = plan };
        var results = await engine.RunAsync(connection, contract, o => o == "orders" ? OrdersTable.Table : null, CancellationToken.None);
        var byRule = results.ToDictionary(r => r.Rule);
        return QualityRules.HandWritten.Select(h => byRule[h.Rule] is { Value: { } v } ? v
            : throw new InvalidOperationException($"{h.Rule}: {byRule[h.Rule].Status} {byRule[h.Rule].Message}")).ToArray();
    }

    private static Task<double[]> HandAsync(DuckDBConnection connection, IEnumerable<string> queries) => Task.Run(() =>
    {
        var values = new List<double>();
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            reader.Read();
            for (var i = 0; i < reader.FieldCount; i++) values.Add(Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture));
        }
        return values.ToArray();
    });

    private static bool PrintValues(Dictionary<string, double[]> values)
    {
        Console.WriteLine("| rule | (a) | (b) | engine, each plan | same |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        var all = true;
        for (var i = 0; i < QualityRules.HandWritten.Length; i++)
        {
            var reference = values["a"][i];
            var same = values.Values.All(v => Math.Abs(v[i] - reference) <= 1e-9 * Math.Max(1, Math.Abs(reference)));
            all &= same;
            var engine = string.Join(" / ", Enum.GetValues<QualityPlan>().Select(p => Format(values[p.ToString()][i])).Distinct());
            Console.WriteLine($"| {QualityRules.HandWritten[i].Rule} | {Format(reference)} | {Format(values["b"][i])} | {engine} | {(same ? "yes" : "**no**")} |");
        }
        Console.WriteLine();
        return all;
    }

    private static string Format(double value) => value.ToString("#,##0.####", CultureInfo.InvariantCulture);

    private static async Task<(double Seconds, double CpuSeconds)> TimeAsync(Func<Task<double[]>> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        GC.KeepAlive(await work());
        var seconds = timer.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void DeleteWork(string work)
    {
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long Option(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static bool IsRelease()
    {
#if DEBUG
        return false;
#else
        return true;
#endif
    }
}

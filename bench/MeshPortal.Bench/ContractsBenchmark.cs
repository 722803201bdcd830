using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Bench;

/// <summary>
/// The contract targets of the data-contracts issue: importing and validating a 1,000-property contract
/// (≤ 200 ms) and diffing two versions of it (≤ 50 ms). "Import" is the domain work ContractAuthoring.ImportAsync
/// does before it writes to the database, step for step (see <see cref="Import"/>).
/// </summary>
public static class ContractsBenchmark
{
    private const double ImportTargetMs = 200;
    private const double DiffTargetMs = 50;

    public static int Run(string[] args)
    {
        var objects = Option(args, "--objects", 10);
        var perObject = Option(args, "--properties", 100);
        var iterations = Option(args, "--iterations", 30);
        var warmup = Option(args, "--warmup", 5);

        var v1 = LargeContract.Generate(objects, perObject);
        var v2 = LargeContract.Generate(objects, perObject, "2.0.0", changed: true);
        var child = LargeContract.Child(objects, perObject);
        var parentEffective = Import(v1, null).EffectiveJson;
        var from = (JsonObject)YamlJson.Parse(v1)!;
        var to = (JsonObject)YamlJson.Parse(v2)!;
        var diff = ContractDiff.Compare(from, to);
        var properties = ContractNormalizer.Normalize(from).AllProperties.Count();
        var rules = ContractNormalizer.Normalize(from).Objects.Sum(o => o.Quality.Count + o.Properties.Sum(p => p.Quality.Count));

        Console.WriteLine($"# Contract benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(IsRelease() ? "Release" : "DEBUG build: figures are not representative")}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"- contract: {objects} objects, {properties} properties, {rules} quality rules; {Encoding.UTF8.GetByteCount(v1) / 1024.0:F0} KB of YAML, {v1.Count(c => c == '\n'):N0} lines");
        Console.WriteLine($"- version 2: {diff.Changes.Count} changes ({diff.Changes.Count * 100.0 / properties:F1}% of the properties), required bump {diff.RequiredBump.ToString().ToLowerInvariant()}");
        Console.WriteLine($"- child: redeclares all {objects} objects (every inherited property by name) and adds {objects} properties");
        Console.WriteLine($"- {warmup} warm-up runs, then {iterations} measured runs each (diff: {iterations * 5}); load average before: {LoadAverage()}");
        Console.WriteLine();

        var results = new List<(string Name, string Covers, Stats Stats, double? Target)>
        {
            ("import + validate", $"parse YAML, schema-validate, normalize, build columns, serialize ({properties:N0} properties)",
                Measure(warmup, iterations, () => Import(v1, null).Columns), ImportTargetMs),
            ("  of which: parse YAML", "YamlJson.Parse", Measure(warmup, iterations, () => YamlJson.Parse(v1)), null),
            ("  of which: schema validation", "OdcsSchema.Validate (official v3.1.0 schema)", Measure(warmup, iterations, () => OdcsSchema.Validate(from).Count), null),
            ("  of which: normalize", "ContractNormalizer.Normalize", Measure(warmup, iterations, () => ContractNormalizer.Normalize(from).Objects.Count), null),
            ("import + validate, child", "the same for a child of it, plus reading the parent and flattening",
                Measure(warmup, iterations, () => Import(child, parentEffective).Columns), null),
            ("what-if: Flag-first validation", "import + validate with a valid document checked by OutputFormat.Flag first (not what the app does today)",
                Measure(warmup, iterations, () => Import(v1, null, FlagFirst).Columns), null),
            ("  of which: schema validation, Flag", "JsonSchema.Evaluate with OutputFormat.Flag", Measure(warmup, iterations, () => FlagFirst(from).Count), null),
            ("diff", $"ContractDiff.Compare, {properties:N0} properties, {diff.Changes.Count} changes",
                Measure(warmup, iterations * 5, () => ContractDiff.Compare(from, to).Changes.Count), DiffTargetMs),
        };

        Console.WriteLine("| measurement | what it covers | median (ms) | p95 (ms) | CPU median (ms) | target | met |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, covers, stats, target) in results)
        {
            var met = target is null ? "" : stats.P95 <= target ? "yes" : stats.Median <= target ? "median only" : "**no**";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {covers} | {stats.Median:F1} | {stats.P95:F1} | {stats.CpuMedian:F1} | {(target is null ? "" : $"≤ {target:F0} ms")} | {met} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"Load average after: {LoadAverage()}. Median and p95 are wall-clock (Stopwatch); CPU is the process's CPU time per run (all threads, GC included), which other load on the machine inflates less.");
        return results.Where(r => r.Target is not null).All(r => r.Stats.Median <= r.Target) ? 0 : 2;
    }

    /// <summary>
    /// What ContractAuthoring.ImportAsync computes before its database write: ContractDocument.Read (parse,
    /// schema validation, version and id checks), ResolveEffectiveAsync (the parent's effective JSON read back
    /// and flattened), NewVersion (normalize the document and the effective one, one column per property, both
    /// documents serialized to JSON for storage).
    /// </summary>
    public static (int Columns, string EffectiveJson) Import(string text, string? parentEffectiveJson, Func<JsonNode?, IReadOnlyList<SchemaError>>? validate = null)
    {
        var node = YamlJson.Parse(text);
        var errors = (validate ?? OdcsSchema.Validate)(node);
        if (errors.Count > 0) throw new InvalidOperationException($"The generated contract is invalid: {errors[0].Pointer} {errors[0].Message}");
        var doc = (JsonObject)node!;
        if (!SemVer.TryParse(ContractNormalizer.Text(doc, "version"), out _) || ContractNormalizer.Text(doc, "id") is not { Length: > 0 })
            throw new InvalidOperationException("The generated contract has no usable id or version.");

        var effective = doc;
        if (ContractNormalizer.Normalize(doc).Parent is not null)
        {
            var flattened = ContractInheritance.Flatten(JsonNode.Parse(parentEffectiveJson!)!.AsObject(), doc);
            if (!flattened.IsValid) throw new InvalidOperationException($"The generated child breaks inheritance: {flattened.Violations[0]}");
            effective = flattened.Effective;
        }
        _ = ContractNormalizer.Normalize(doc).Parent;
        var columns = ContractNormalizer.Normalize(effective).Objects.Sum(o => o.Properties.Sum(p => p.SelfAndDescendants().Count()));
        _ = doc.ToJsonString();
        return (columns, effective.ToJsonString());
    }

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(OdcsSchema).Assembly.GetManifestResourceStream("MeshPortal.Domain.Contracts.Schemas.odcs-json-schema-v3.1.0.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>
    /// The what-if: the cheapest evaluation (valid or not, no details) first, and the detailed List output that
    /// OdcsSchema.Validate produces only when the document is invalid.
    /// </summary>
    private static IReadOnlyList<SchemaError> FlagFirst(JsonNode? node)
    {
        using var json = JsonDocument.Parse(node!.ToJsonString());
        return Schema.Value.Evaluate(json.RootElement, FlagOptions).IsValid ? [] : OdcsSchema.Validate(node);
    }

    // One instance, as OdcsSchema does: JsonSchema.Net rebuilds its cached constraints for every new options object.
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };

    private sealed record Stats(double Median, double P95, double CpuMedian);

    private static Stats Measure<T>(int warmup, int iterations, Func<T> action)
    {
        for (var i = 0; i < warmup; i++) GC.KeepAlive(action());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var samples = new double[iterations];
        var cpu = new double[iterations];
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < iterations; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            GC.KeepAlive(action());
            samples[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }
        return new Stats(Median(samples), Percentile(samples, 0.95), Median(cpu));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] values, double p) => values.Order().ElementAt(Math.Max(0, (int)Math.Ceiling(p * values.Length) - 1));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
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

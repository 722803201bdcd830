using System.Globalization;

namespace MeshPortal.Bench.Onboarding;

/// <summary>The onboarding benchmark's Markdown: the plan, the measurements, the engine's counts and phases, the targets.</summary>
public static class OnboardingReport
{
    public static void PrintPlan(DefectPlan plan)
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

    public static void PrintMeasurements(Dictionary<string, List<Measurement>> results, Dictionary<string, Measurement> measured, int repeat)
    {
        if (repeat > 1) Console.WriteLine($"Each measurement ran {repeat} times; the row is the run with the median time, the range is over all runs.\n");
        Console.WriteLine($"| measurement | rows | time (s) |{(repeat > 1 ? " range (s) |" : "")} rows/s | CPU (s) | peak RSS (MB) | peak anonymous (MB) | database (MB) | load avg before → after |");
        Console.WriteLine($"| --- | ---: | ---: |{(repeat > 1 ? " ---: |" : "")} ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (phase, name) in OnboardingBenchmark.Measurements)
        {
            if (!measured.TryGetValue(phase, out var m)) continue;
            if (m.Error is not null)
            {
                Console.WriteLine($"| {name} | **failed**: {m.Error.ReplaceLineEndings(" ").Replace("|", "\\|")} |");
                continue;
            }
            var range = repeat > 1 ? string.Create(CultureInfo.InvariantCulture, $" {results[phase].Min(r => r.Seconds):F1}–{results[phase].Max(r => r.Seconds):F1} |") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {m.Rows:N0} | {m.Seconds:F1} |{range} {m.Rows / m.Seconds:N0} | {m.CpuSeconds:F1} | {OnboardingBenchmark.Megabytes(m.PeakRss):N0} | {OnboardingBenchmark.Megabytes(m.PeakAnon):N0} | {OnboardingBenchmark.Megabytes(m.DatabaseBytes):N0} | {m.LoadBefore} → {m.LoadAfter} |"));
        }
        Console.WriteLine();
        foreach (var (phase, name) in OnboardingBenchmark.Measurements)
            if (measured.TryGetValue(phase, out var m) && m.Detail is not null) Console.WriteLine($"- {name}: {m.Detail}");
        Console.WriteLine();
    }

    /// <summary>
    /// Each round's times side by side, with the engine's ratio to the read_csv of the same round: on a shared machine the
    /// load changes from minute to minute, and the sides of one round ran closest together.
    /// </summary>
    public static void PrintRounds(Dictionary<string, List<Measurement>> results, int repeat)
    {
        string Cell(string phase, int round) => results[phase].ElementAtOrDefault(round) is { Error: null } m
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Seconds:F1} / {m.CpuSeconds:F1}") : "";
        string Ratio(string phase, int round) =>
            results[phase].ElementAtOrDefault(round) is { Error: null } engine && results["read-csv"].ElementAtOrDefault(round) is { Error: null } baseline
                ? string.Create(CultureInfo.InvariantCulture, $"{engine.Seconds / baseline.Seconds:F2} / {engine.CpuSeconds / baseline.CpuSeconds:F2}") : "";
        Console.WriteLine("Per round, time / CPU in seconds, and the engine's ratio to that round's read_csv (detected types), time / CPU:");
        Console.WriteLine();
        Console.WriteLine($"| round | read_csv | all_varchar | {string.Join(" | ", Engines.Select(e => e.Short))} | {string.Join(" | ", Engines.Select(e => $"{e.Short} ÷ read_csv"))} | load avg at start |");
        Console.WriteLine($"| ---: | ---: | ---: |{string.Concat(Engines.Select(_ => " ---: | ---: |"))} --- |");
        for (var round = 0; round < repeat; round++)
            Console.WriteLine($"| {round + 1} | {Cell("read-csv", round)} | {Cell("read-csv-varchar", round)} | {string.Join(" | ", Engines.Select(e => Cell(e.Phase, round)))} | {string.Join(" | ", Engines.Select(e => Ratio(e.Phase, round)))} | {results["read-csv"].ElementAtOrDefault(round)?.LoadBefore} |");
        Console.WriteLine();
    }

    /// <summary>The engine's counts against the plan: a run that quarantined the wrong rows measured the wrong work.</summary>
    public static bool PrintCounts(OrdersCsv file, Dictionary<string, List<Measurement>> results)
    {
        var runs = results.Where(r => r.Key.StartsWith("engine", StringComparison.Ordinal))
            .SelectMany(r => r.Value.Select((m, i) => r.Value.Count > 1 ? m with { Name = $"{m.Name}, round {i + 1}" } : m))
            .Where(m => m.Error is null).ToList();
        if (runs.Count == 0) return true;
        var quarantined = file.Plan.ExpectedQuarantined(EnginePhase.QuarantinesEveryDuplicate);
        var expected = (Read: file.Rows, Valid: file.Rows - quarantined, Quarantined: quarantined);
        var match = runs.All(m => m.Rows == expected.Read && m.Valid == expected.Valid && m.Quarantined == expected.Quarantined && m.QuarantineMatches != false);
        Console.WriteLine("| engine's counts | read | valid | quarantined |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| expected (from the generator's plan) | {expected.Read:N0} | {expected.Valid:N0} | {expected.Quarantined:N0} |");
        foreach (var m in runs) Console.WriteLine($"| {m.Name} | {m.Rows:N0} | {m.Valid:N0} | {m.Quarantined:N0} |");
        Console.WriteLine();
        Console.WriteLine(match
            ? "The engine's counts equal the plan's in every run, and its quarantine holds exactly the planted rows."
            : "**The engine's counts or quarantined rows differ from the plan: the timings above are not of the intended work.**");
        Console.WriteLine();
        return match;
    }

    public static void PrintPhases(Dictionary<string, List<Measurement>> results)
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
    public static void PrintStatements(List<Measurement> profiled, string? keptWork)
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

    public static bool PrintChecks(Dictionary<string, Measurement> measured, bool baselineOnly)
    {
        var baseline = measured.GetValueOrDefault("read-csv");
        var varchar = measured.GetValueOrDefault("read-csv-varchar");
        var checks = new List<(string Target, string Measured, bool Met)>();
        foreach (var (phase, name) in Engines)
        {
            if (baselineOnly) break;
            var engine = measured.GetValueOrDefault(phase);
            if (engine is null || engine.Error is not null || baseline is null || baseline.Error is not null)
            {
                checks.Add(($"onboarding ({name}) ≤ {OnboardingBenchmark.RatioTarget}× read_csv", "not measured (a side failed)", false));
                continue;
            }
            var ratio = engine.Seconds / baseline.Seconds;
            var versusVarchar = varchar is { Error: null } ? string.Create(CultureInfo.InvariantCulture, $"; {engine.Seconds / varchar.Seconds:F2}× the all_varchar read") : "";
            checks.Add((string.Create(CultureInfo.InvariantCulture, $"onboarding ({name}) ≤ {OnboardingBenchmark.RatioTarget}× read_csv"),
                string.Create(CultureInfo.InvariantCulture, $"{engine.Seconds:F1} s / {baseline.Seconds:F1} s = **{ratio:F2}×** (CPU {engine.CpuSeconds / baseline.CpuSeconds:F2}×){versusVarchar}"),
                ratio <= OnboardingBenchmark.RatioTarget));
            checks.Add(($"peak memory ≤ 2 GB ({name})", $"{OnboardingBenchmark.Megabytes(engine.PeakRss):N0} MB resident (VmHWM), {OnboardingBenchmark.Megabytes(engine.PeakAnon):N0} MB anonymous", engine.PeakRss <= OnboardingBenchmark.PeakMemoryTargetBytes));
        }
        if (checks.Count == 0) return true;
        Console.WriteLine("| target | measured | met |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (target, value, met) in checks) Console.WriteLine($"| {target} | {value} | {(met ? "yes" : "**no**")} |");
        Console.WriteLine();
        return checks.All(c => c.Met);
    }

    /// <summary>The measured engine runs, each checked against the targets.</summary>
    static readonly (string Phase, string Short)[] Engines = [("engine-first", "first run"), ("engine-rerun", "rerun"), ("engine-upload", "upload")];

    /// <summary>The run with the median time (the lower middle one for an even count); a failed run if any failed.</summary>
    public static Measurement Median(List<Measurement> runs) =>
        runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Seconds).ElementAt((runs.Count - 1) / 2);
}

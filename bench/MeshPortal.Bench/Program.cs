using MeshPortal.Bench;
using MeshPortal.Bench.Dictionary;
using MeshPortal.Bench.Onboarding;
using MeshPortal.Bench.Quality;

// Benchmarks and data generators; figures go to docs/performance.md. Run in Release:
//   dotnet run -c Release --project bench/MeshPortal.Bench -- contracts [--iterations 30] [--warmup 5] [--objects 10] [--properties 100]
//   dotnet run -c Release --project bench/MeshPortal.Bench -- dictionary [--quanta 10000] [--contracts 20000] [--columns 1000000] [--queries 1000]
//   dotnet run -c Release --project bench/MeshPortal.Bench -- onboarding [--rows 10000000] [--work DIR] [--reuse] [--repeat 1] [--profile]
//   dotnet run -c Release --project bench/MeshPortal.Bench -- quality [--rows 10000000] [--iterations 5] [--warmup 1] [--work DIR] [--reuse]
return args.FirstOrDefault() switch
{
    "contracts" => ContractsBenchmark.Run(args[1..]),
    "dictionary" => await DictionaryBenchmark.RunAsync(args[1..]),
    DictionaryBenchmark.ChildCommand => await DictionaryBenchmark.ChildAsync(args[1..]),
    "onboarding" => await OnboardingBenchmark.RunAsync(args[1..]),
    OnboardingBenchmark.ChildCommand => await OnboardingBenchmark.ChildAsync(args[1..]),
    "quality" => await QualityBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: MeshPortal.Bench <command> [options]

        commands:
          contracts   import + validate a 1,000-property ODCS contract and diff two versions of it;
                      prints a Markdown table (median and p95). Options: --iterations N (30), --warmup N (5),
                      --objects N (10), --properties N per object (100).
          dictionary  generate a mesh, rebuild the Lucene dictionary (from the generator and from the metadata database),
                      then time a mix of queries on Lucene and on SQL LIKE over the same data; prints Markdown tables.
                      Options: --quanta N (10000), --contracts N (20000), --columns N (1000000), --queries N (1000),
                      --seed N (42), --work DIR (kept; default a temp folder, deleted after), --keep, --reuse (the
                      databases already in DIR), --skip-sql (Lucene only, for tuning runs).
          onboarding  generate a CSV of 10 million order lines (12 columns, about 1.1 GB, with planted defects), then load it
                      with DuckDB's bare read_csv and onboard it with the data plane's engine (first run and rerun), each in
                      its own process; prints Markdown tables and checks the engine's counts against the planted defects.
                      Options: --rows N (10000000), --seed N (42), --work DIR (kept; default a temp folder, deleted after),
                      --keep, --reuse (the CSV already in DIR when rows and seed match), --repeat N (1; median reported),
                      --profile (one more engine run with each SQL statement timed), --baseline-only (read_csv only).
          quality     generate a 10-million-row table in DuckDB with planted defects, then time a quality run of ten library
                      rules (the engine, with each batching plan) against (a) one hand-written query and (b) one query per rule;
                      checks that every side measures the same values. Options: --rows N (10000000), --iterations N (5),
                      --warmup N (1), --work DIR (kept; default a temp folder, deleted after), --keep, --reuse (the table in DIR).
        """);
    return 1;
}

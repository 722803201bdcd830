using MeshPortal.Bench;
using MeshPortal.Bench.Dictionary;

// Benchmarks and data generators; figures go to docs/performance.md. Run in Release:
//   dotnet run -c Release --project bench/MeshPortal.Bench -- contracts [--iterations 30] [--warmup 5] [--objects 10] [--properties 100]
//   dotnet run -c Release --project bench/MeshPortal.Bench -- dictionary [--quanta 10000] [--contracts 20000] [--columns 1000000] [--queries 1000]
return args.FirstOrDefault() switch
{
    "contracts" => ContractsBenchmark.Run(args[1..]),
    "dictionary" => await DictionaryBenchmark.RunAsync(args[1..]),
    DictionaryBenchmark.ChildCommand => await DictionaryBenchmark.ChildAsync(args[1..]),
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
        """);
    return 1;
}

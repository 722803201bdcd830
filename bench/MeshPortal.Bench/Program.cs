using MeshPortal.Bench;

// Benchmarks and data generators; figures go to docs/performance.md. Run in Release:
//   dotnet run -c Release --project bench/MeshPortal.Bench -- contracts [--iterations 30] [--warmup 5] [--objects 10] [--properties 100]
return args.FirstOrDefault() switch
{
    "contracts" => ContractsBenchmark.Run(args[1..]),
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
        """);
    return 1;
}

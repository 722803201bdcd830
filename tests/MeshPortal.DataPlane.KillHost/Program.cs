using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

// Runs one onboarding of a CSV of events (id, name, amount) into a quantum and prints each phase as it starts
// ("PHASE Silver"), so that a test can kill this process at a known point of the run.
//   args: <data root> <quantum id> <csv path> [--slow-gold]
// --slow-gold adds a gold query that takes seconds: the run then sits inside its publish transaction for a while.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: MeshPortal.DataPlane.KillHost <data root> <quantum id> <csv path> [--slow-gold]");
    return 2;
}

var options = new DataPlaneOptions { RootPath = args[0], DuckDbMemoryLimit = "512MB", DuckDbThreads = 2 };
var storage = new QuantumStorage(options);
var engine = new OnboardingEngine(storage, [new CsvFileReader()], options);
var gold = args.Contains("--slow-gold") ? "SELECT s.* FROM silver s, (SELECT sum(i) AS x FROM range(20000000000) t(i)) WHERE x > 0" : null;
var request = new OnboardingRequest(Guid.Parse(args[1]), Guid.NewGuid(), new FileSource(args[2], FileFormat.Csv), EventsContract(), "events", gold);

var phase = OnboardingPhase.Queued;
var progress = new Callback(p =>
{
    if (p.Phase == phase) return;
    phase = p.Phase;
    Console.WriteLine($"PHASE {p.Phase}");
});
try
{
    var result = await engine.RunAsync(request, progress, CancellationToken.None);
    Console.WriteLine($"DONE read={result.RowsRead} valid={result.RowsValid} quarantined={result.RowsQuarantined}");
    return 0;
}
catch (DataPlaneException e)
{
    Console.WriteLine($"FAILED {e.Message}");
    return 1;
}

static NormalizedContract EventsContract()
{
    static ContractProperty Property(string name, string type, bool key = false) => new(
        name, name, null, type, null, null, null, null, Required: key, Unique: false, PrimaryKey: key, Partitioned: false, CriticalDataElement: false,
        Classification: null, Pii: false, Tags: [], ValidValues: null, Pattern: null, Examples: [], Quality: [], Children: []);
    var events = new ContractObject("events", null, "table", null, null, [],
        [Property("id", "integer", key: true), Property("name", "string"), Property("amount", "number")], []);
    return new NormalizedContract("events-contract", "1.0.0", "active", "Events", null, null, [], [events], [], null);
}

sealed class Callback(Action<OnboardingProgress> report) : IProgress<OnboardingProgress>
{
    public void Report(OnboardingProgress value) => report(value);
}

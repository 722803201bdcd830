using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed;

/// <summary>
/// Gives the demo mesh its data contracts: imports the embedded ODCS files through the same service as the API
/// (as each domain's data product owner, so active versions are published with the semver check), then binds
/// the output ports and the consumers' input ports. Local mode only, when the demo mesh is there and no
/// contract exists yet. A seed file the portal refuses stops the start-up with the reasons: a broken demo
/// must not pass unnoticed.
/// </summary>
public sealed class DemoContractsSeeder(
    IDbContextFactory<MeshDbContext> factory,
    IdentityMode mode,
    ContractAuthoring authoring,
    ILogger<DemoContractsSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!mode.Local) return;
        Dictionary<string, Guid> quanta;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Contracts.AnyAsync(ct)) return;
            quanta = await db.Quanta.Select(q => new { Key = q.Domain!.Slug + "/" + q.Slug, q.Id }).ToDictionaryAsync(q => q.Key, q => q.Id, ct);
        }
        var missing = DemoMesh.Quanta.Select(q => $"{q.Domain}/{q.Slug}").Where(k => !quanta.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            logger.LogInformation("No demo contracts seeded: this database does not hold the demo mesh (missing {Quanta}).", string.Join(", ", missing));
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        CheckEveryEmbeddedFileIsListed();
        var owners = new Dictionary<string, Caller>();
        foreach (var domain in DemoMesh.Domains)
            owners[domain.Slug] = await OwnerOfAsync(domain.Slug, ct);

        foreach (var seed in DemoContracts.Files)
            await ImportAsync(authoring, owners[seed.Domain], seed, ReadResource(seed.File), ct);

        var bound = 0;
        foreach (var served in DemoContracts.Served)
            bound += await BindAsync(owners, quanta, served.Quantum, PortDirection.Output, served.Port, served.ContractId, served.Version, ct);
        foreach (var (quantum, port, contractId, version) in DemoContracts.Consumed())
            bound += await BindAsync(owners, quanta, quantum, PortDirection.Input, port, contractId, version, ct);

        logger.LogInformation("Seeded {Contracts} demo contracts ({Versions} versions) and bound {Ports} ports to them in {Elapsed:N0} ms.",
            DemoContracts.Files.Select(f => f.ContractId).Distinct().Count(), DemoContracts.Files.Length, bound,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Imports one seed document into its domain, publishing it when its status is active; throws with the portal's reasons when refused.</summary>
    public static async Task ImportAsync(ContractAuthoring authoring, Caller owner, DemoContracts.ContractSeed seed, string text, CancellationToken ct = default)
    {
        var result = await authoring.ImportAsync(owner, text, new ImportTarget(Domain: seed.Domain), ct);
        if (!result.Succeeded) throw SeedFailure($"import {seed.File}", result.Message, result.Errors);
    }

    private async Task<int> BindAsync(Dictionary<string, Caller> owners, Dictionary<string, Guid> quanta, string quantum, PortDirection direction, string port,
        string contractId, string version, CancellationToken ct)
    {
        var domain = quantum[..quantum.IndexOf('/')];
        var result = await authoring.BindPortAsync(owners[domain], quanta[quantum], direction, port, new BindingInput { ContractId = contractId, Version = version }, ct);
        if (!result.Succeeded) throw SeedFailure($"bind {quantum}:{port} to {contractId}@{version}", result.Message, result.Errors);
        return 1;
    }

    private async Task<Caller> OwnerOfAsync(string domain, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await DemoOwners.OwnerOfAsync(db, domain, ct);
    }

    private static void CheckEveryEmbeddedFileIsListed()
    {
        var unlisted = typeof(DemoContractsSeeder).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(DemoContracts.ResourcePrefix, StringComparison.Ordinal))
            .Except(DemoContracts.Files.Select(f => DemoContracts.ResourcePrefix + f.File)).ToList();
        if (unlisted.Count > 0)
            throw new InvalidOperationException($"Demo contracts: {string.Join(", ", unlisted)} is embedded but not listed in DemoContracts.Files.");
    }

    private static string ReadResource(string file)
    {
        using var stream = typeof(DemoContractsSeeder).Assembly.GetManifestResourceStream(DemoContracts.ResourcePrefix + file)
                           ?? throw new InvalidOperationException($"Demo contracts: {file} is listed but not embedded (see MeshPortal.Web.csproj).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static InvalidOperationException SeedFailure(string what, string? message, IReadOnlyDictionary<string, string[]> errors) =>
        new($"Demo contracts: could not {what}: {message}" + string.Concat(errors.SelectMany(e => e.Value.Select(v => $"{Environment.NewLine}  {e.Key}: {v}"))));
}

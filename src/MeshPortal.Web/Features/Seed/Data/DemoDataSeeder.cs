using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Gives the demo quanta data on first start, through the same sources and onboarding jobs a user would use:
/// a generated CSV (with a few planted defects) uploaded to each producer, a composition source for each composed
/// quantum, then one job that onboards the producers and, once they have published, the composed quanta.
/// Local mode only, when the demo contracts are there and no source exists yet; off with MeshPortal:Demo:SampleData=false.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<MeshDbContext> factory,
    IdentityMode mode,
    IConfiguration configuration,
    SourceService sources,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!mode.Local || !configuration.GetValue("MeshPortal:Demo:SampleData", true)) return;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.DataSources.AnyAsync(ct) || !await db.Contracts.AnyAsync(ct)) return;
        }

        var anchor = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var seed in DemoData.Uploads)
        {
            var (quantumId, owner) = await QuantumAndOwnerAsync(seed.Quantum, ct);
            ContractObject obj;
            await using (var db = await factory.CreateDbContextAsync(ct)) obj = await ObjectOfPortAsync(db, quantumId, seed.Port, seed.Object, ct);
            var data = DemoDataGenerator.Generate(obj, seed.Rows, seed.Seed, anchor);
            await using var content = new MemoryStream(Encoding.UTF8.GetBytes(data.Csv));
            var added = await sources.AddUploadAsync(owner, quantumId, new NewFileSource(DemoData.UploadSourceName, seed.Port, seed.Object),
                $"{seed.Object}.csv", content, ct);
            if (!added.Succeeded) throw Failure($"upload sample data to {seed.Quantum}", added.Message, added.Errors);
        }
        foreach (var seed in DemoData.Composed)
        {
            var (quantumId, owner) = await QuantumAndOwnerAsync(seed.Quantum, ct);
            var added = await sources.AddConnectionAsync(owner, quantumId,
                new NewConnectionSource(DemoData.ComposedSourceName, SourceKind.Composition, "", seed.Sql, seed.Port, seed.Object), ct);
            if (!added.Succeeded) throw Failure($"add the composition source of {seed.Quantum}", added.Message, added.Errors);
        }
        jobs.Enqueue<DemoDataJob>(job => job.OnboardAsync(CancellationToken.None));
        logger.LogInformation("Added sample data sources to {Producers} demo quanta and {Composed} composed ones; onboarding them in the background.",
            DemoData.Uploads.Length, DemoData.Composed.Length);
    }

    private async Task<(Guid QuantumId, Domain.Identity.Caller Owner)> QuantumAndOwnerAsync(string key, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await DemoOwners.QuantumIdAsync(db, key, ct), await DemoOwners.OwnerOfAsync(db, DemoOwners.Split(key).Domain, ct));
    }

    /// <summary>A schema object of the contract version an output port serves (effective: inherited properties included).</summary>
    public static async Task<ContractObject> ObjectOfPortAsync(MeshDbContext db, Guid quantumId, string port, string objectName, CancellationToken ct)
    {
        var binding = await db.Ports.Where(p => p.QuantumId == quantumId && p.Direction == PortDirection.Output && p.Name == port)
            .Select(p => new { p.ContractId, p.ContractVersion }).SingleAsync(ct);
        var effective = await db.ContractVersions.Where(v => v.ContractId == binding.ContractId && v.Version == binding.ContractVersion)
            .Select(v => v.Effective).SingleAsync(ct);
        var contract = ContractNormalizer.Normalize((JsonObject)JsonNode.Parse(effective)!);
        return contract.Objects.Single(o => o.Name == objectName);
    }

    private static InvalidOperationException Failure(string what, string? message, IReadOnlyDictionary<string, string[]> errors) =>
        new($"Demo data: could not {what}: {message}" + string.Concat(errors.SelectMany(e => e.Value.Select(v => $"{Environment.NewLine}  {e.Key}: {v}"))));
}

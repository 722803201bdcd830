using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Search.Indexing;

/// <summary>
/// What the dictionary says about each stored entity: a domain, a quantum, and a contract with its schema objects
/// and columns (from its current version: the highest active one, else the highest not retired).
/// This is the one place that decides what is searchable.
/// </summary>
public sealed class DictionaryProjection(IDbContextFactory<MeshDbContext> factory)
{
    private const int ContractBatch = 500;

    public async Task<List<DictionaryDocument>> ForSourcesAsync(IReadOnlyCollection<string> sources, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var docs = new List<DictionaryDocument>();
        foreach (var source in sources)
        {
            var (kind, key) = DictionarySources.Parse(source);
            switch (kind)
            {
                case "domain":
                    if (await db.Domains.AsNoTracking().FirstOrDefaultAsync(d => d.Slug == key, ct) is { } domain) docs.Add(ForDomain(domain));
                    break;
                case "quantum" when Guid.TryParse(key, out var id):
                    if (await db.Quanta.AsNoTracking().Include(q => q.Domain).Include(q => q.Owner).FirstOrDefaultAsync(q => q.Id == id, ct) is { } quantum) docs.Add(ForQuantum(quantum));
                    break;
                case "contract":
                    var contracts = await db.Contracts.AsNoTracking().Include(c => c.Domain).Where(c => c.Id == key).ToListAsync(ct);
                    await foreach (var doc in ForContractsAsync(db, contracts, ct)) docs.Add(doc);
                    break;
            }
        }
        return docs;
    }

    /// <summary>Every entry, streamed in batches so a full rebuild of a large mesh does not hold it all in memory.</summary>
    public async IAsyncEnumerable<DictionaryDocument> AllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await foreach (var domain in db.Domains.AsAsyncEnumerable().WithCancellation(ct)) yield return ForDomain(domain);
        await foreach (var quantum in db.Quanta.Include(q => q.Domain).Include(q => q.Owner).AsAsyncEnumerable().WithCancellation(ct)) yield return ForQuantum(quantum);
        string? after = null;
        while (true)
        {
            var batch = await db.Contracts.Include(c => c.Domain)
                .Where(c => after == null || string.Compare(c.Id, after) > 0)
                .OrderBy(c => c.Id).Take(ContractBatch).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            await foreach (var doc in ForContractsAsync(db, batch, ct)) yield return doc;
            after = batch[^1].Id;
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>How many entries a full rebuild will write, for its progress bar.</summary>
    public async Task<long> EstimateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Domains.LongCountAsync(ct) + await db.Quanta.LongCountAsync(ct) + await db.Contracts.LongCountAsync(ct) * 2
               + await db.ContractColumns.Where(c => db.ContractVersions.Any(v => v.Id == c.ContractVersionId && v.Status == ContractStatus.Active)).LongCountAsync(ct);
    }

    private static DictionaryDocument ForDomain(MeshDomain d) => new()
    {
        Id = "domain:" + d.Slug,
        Type = DictionaryTypes.Domain,
        Source = DictionarySources.Domain(d.Slug),
        Title = d.Name,
        Description = d.Description,
        Domain = d.Slug,
        Path = d.Slug,
        Url = "/domains/" + d.Slug,
    };

    private static DictionaryDocument ForQuantum(Quantum q) => new()
    {
        Id = "quantum:" + q.Id,
        Type = DictionaryTypes.Quantum,
        Source = DictionarySources.Quantum(q.Id),
        Title = q.Name,
        Description = q.Description,
        Domain = q.Domain!.Slug,
        QuantumId = q.Id.ToString(),
        Quantum = $"{q.Domain.Slug}/{q.Slug}",
        Path = $"{q.Domain.Slug}/{q.Slug}",
        Url = $"/quanta/{q.Id}",
        Tier = EnumText.Of(q.Tier),
        Status = EnumText.Of(q.Status),
        Owner = q.Owner?.DisplayName,
        Tags = q.Tags,
    };

    private sealed record Server(Guid Id, string Domain, string Slug, string Name, Tier Tier);

    private static async IAsyncEnumerable<DictionaryDocument> ForContractsAsync(MeshDbContext db, List<DataContract> contracts, [EnumeratorCancellation] CancellationToken ct)
    {
        var ids = contracts.Select(c => c.Id).ToList();
        var versions = await db.ContractVersions.AsNoTracking().Where(v => ids.Contains(v.ContractId))
            .Select(v => new { v.ContractId, v.Version, v.SortKey, v.Status }).ToListAsync(ct);
        var servers = await (from port in db.Ports.AsNoTracking()
                             where port.Direction == PortDirection.Output && port.ContractId != null && ids.Contains(port.ContractId)
                             join quantum in db.Quanta on port.QuantumId equals quantum.Id
                             orderby quantum.Name
                             select new { port.ContractId, Server = new Server(quantum.Id, quantum.Domain!.Slug, quantum.Slug, quantum.Name, quantum.Tier) })
            .ToListAsync(ct);
        foreach (var contract in contracts)
        {
            var current = versions.Where(v => v.ContractId == contract.Id)
                .OrderByDescending(v => v.Status == ContractStatus.Active)
                .ThenByDescending(v => v.Status != ContractStatus.Retired)
                .ThenByDescending(v => v.SortKey, StringComparer.Ordinal)
                .FirstOrDefault();
            if (current is null) continue;
            var effective = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == contract.Id && v.Version == current.Version).Select(v => v.Effective).FirstAsync(ct);
            var normalized = ContractNormalizer.Normalize(JsonNode.Parse(effective)!.AsObject());
            var server = servers.FirstOrDefault(s => s.ContractId == contract.Id)?.Server;
            foreach (var doc in ForContract(contract, current.Version, EnumText.Of(current.Status), normalized, server)) yield return doc;
        }
    }

    private static IEnumerable<DictionaryDocument> ForContract(DataContract contract, string version, string status, NormalizedContract normalized, Server? server)
    {
        var source = DictionarySources.Contract(contract.Id);
        var url = $"/contracts/{Uri.EscapeDataString(contract.Id)}/versions/{Uri.EscapeDataString(version)}";
        var domain = contract.Domain!.Slug;
        var quantum = server is null ? null : $"{server.Domain}/{server.Slug}";
        var tier = server is null ? null : EnumText.Of(server.Tier);
        yield return new DictionaryDocument
        {
            Id = "contract:" + contract.Id,
            Type = DictionaryTypes.Contract,
            Source = source,
            Title = contract.Name,
            Description = normalized.Purpose,
            Domain = domain,
            QuantumId = server?.Id.ToString(),
            Quantum = quantum,
            ContractId = contract.Id,
            ContractVersion = version,
            Path = contract.Id,
            Url = url,
            Tier = tier,
            Status = status,
            Tags = normalized.Tags,
        };
        foreach (var obj in normalized.Objects)
        {
            yield return new DictionaryDocument
            {
                Id = $"object:{contract.Id}/{obj.Name}",
                Type = DictionaryTypes.Object,
                Source = source,
                Title = obj.Name,
                Description = obj.Description ?? obj.BusinessName,
                Domain = domain,
                QuantumId = server?.Id.ToString(),
                Quantum = quantum,
                ContractId = contract.Id,
                ContractVersion = version,
                Path = obj.Name,
                Url = url,
                Tier = tier,
                Status = status,
                Tags = obj.Tags,
            };
            foreach (var property in obj.Properties.SelectMany(p => p.SelfAndDescendants()))
            {
                yield return new DictionaryDocument
                {
                    Id = $"column:{contract.Id}/{property.Path}",
                    Type = DictionaryTypes.Column,
                    Source = source,
                    Title = property.Name,
                    Description = property.Description ?? property.BusinessName,
                    Domain = domain,
                    QuantumId = server?.Id.ToString(),
                    Quantum = quantum,
                    ContractId = contract.Id,
                    ContractVersion = version,
                    Path = property.Path,
                    Url = url + "#" + Uri.EscapeDataString(property.Path),
                    Tier = tier,
                    Status = status,
                    Classification = property.Classification,
                    LogicalType = property.LogicalType,
                    PhysicalType = property.PhysicalType,
                    Tags = property.Tags,
                };
            }
        }
    }
}

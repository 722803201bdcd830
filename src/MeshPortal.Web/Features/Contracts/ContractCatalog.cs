using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Contracts;

/// <summary>Reading contracts: lists, versions, exports, diffs, and who serves, consumes or extends them.</summary>
public sealed class ContractCatalog(IDbContextFactory<MeshDbContext> factory)
{
    public async Task<List<ContractSummaryDto>> ListAsync(string? domain = null, string? text = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var contracts = db.Contracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(domain)) contracts = contracts.Where(c => c.Domain!.Slug == domain);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            contracts = contracts.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Id, pattern, "\\"));
        }
        var rows = await contracts.Include(c => c.Domain)
            .Select(c => new { c.Id, c.Name, Domain = c.Domain!.Slug, DomainName = c.Domain.Name, c.UpdatedAt, Versions = c.Versions.Select(v => new { v.Version, v.SortKey, v.Status }).ToList() })
            .ToListAsync(ct);
        return rows.Select(c =>
        {
            var ordered = c.Versions.OrderByDescending(v => v.SortKey, StringComparer.Ordinal).ToList();
            var active = ordered.FirstOrDefault(v => v.Status == ContractStatus.Active);
            return new ContractSummaryDto(c.Id, c.Name, c.Domain, c.DomainName, ordered.FirstOrDefault()?.Version, ordered.Count > 0 ? EnumText.Of(ordered[0].Status) : null,
                active?.Version, ordered.Count, c.UpdatedAt);
        }).OrderBy(c => c.Domain).ThenBy(c => c.Name).ToList();
    }

    public async Task<ContractDto?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Domain).Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null) return null;
        var versions = contract.Versions.OrderByDescending(v => v.SortKey, StringComparer.Ordinal)
            .Select(v => new ContractVersionSummaryDto(v.Version, EnumText.Of(v.Status), Extends(v), v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy))
            .ToList();
        var children = await db.ContractVersions.AsNoTracking().Where(v => v.ParentContractId == id)
            .OrderBy(v => v.ContractId).ThenBy(v => v.SortKey)
            .Select(v => new ChildDto(v.ContractId, v.Version, v.Status.ToString(), v.ParentVersion!)).ToListAsync(ct);
        return new ContractDto(contract.Id, contract.Name, contract.Domain!.Slug, contract.Domain.Name, versions,
            await BoundPortsAsync(db, id, null, null, ct),
            children.Select(c => c with { Status = c.Status.ToLowerInvariant() }).ToList());
    }

    public async Task<ContractVersionDto?> GetVersionAsync(string id, string version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var v = await db.ContractVersions.AsNoTracking().Include(x => x.Contract!).ThenInclude(c => c.Domain)
            .FirstOrDefaultAsync(x => x.ContractId == id && x.Version == version, ct);
        if (v is null) return null;
        var ports = await BoundPortsAsync(db, id, version, null, ct);
        return new ContractVersionDto(v.ContractId, v.Version, EnumText.Of(v.Status), v.ApiVersion, v.Contract!.Name, v.Contract.Domain!.Slug, Extends(v), v.Revision,
            JsonNode.Parse(v.Document)!.AsObject(), JsonNode.Parse(v.Effective)!.AsObject(),
            ports.Where(p => p.Direction == "output").ToList(), ports.Where(p => p.Direction == "input").ToList(),
            v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy);
    }

    /// <summary>The ODCS document of a version: effective (flattened, readable by any ODCS tool) unless the authored form is asked for.</summary>
    public async Task<JsonObject?> DocumentAsync(string id, string version, bool authored = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var json = await db.ContractVersions.AsNoTracking().Where(x => x.ContractId == id && x.Version == version)
            .Select(x => authored ? x.Document : x.Effective).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonNode.Parse(json)!.AsObject();
    }

    public async Task<OperationResult<DiffDto>> DiffAsync(string id, string? from, string? to, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            return OperationResult<DiffDto>.Invalid(new Dictionary<string, string[]> { [string.IsNullOrWhiteSpace(from) ? "from" : "to"] = ["Name both versions: ?from=<version>&to=<version>."] });
        var a = await DocumentAsync(id, from, ct: ct);
        var b = await DocumentAsync(id, to, ct: ct);
        if (a is null || b is null)
            return OperationResult<DiffDto>.NotFound($"Contract '{id}' has no version {(a is null ? from : to)}.");
        return OperationResult<DiffDto>.Ok(ToDto(from, to, ContractDiff.Compare(a, b)));
    }

    public static DiffDto ToDto(string from, string to, ContractDiffResult diff) => new(from, to,
        diff.Changes.Select(c => new ChangeDto(c.Path, c.Kind, c.Before, c.After, EnumText.Of(c.Impact))).ToList(),
        EnumText.Of(diff.RequiredBump));

    /// <summary>Children (contract versions extending any version of <paramref name="id"/>) whose parent is older than <paramref name="version"/>: they could move up.</summary>
    public async Task<List<ChildDto>> ChildrenBehindAsync(string id, string version, CancellationToken ct = default)
    {
        if (!SemVer.TryParse(version, out var target)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var children = await db.ContractVersions.AsNoTracking().Where(v => v.ParentContractId == id && v.Status != ContractStatus.Retired)
            .Select(v => new ChildDto(v.ContractId, v.Version, v.Status.ToString(), v.ParentVersion!)).ToListAsync(ct);
        return children.Where(c => SemVer.TryParse(c.ExtendsVersion, out var p) && p < target)
            .Select(c => c with { Status = c.Status.ToLowerInvariant() }).ToList();
    }

    /// <summary>Input ports (of any quantum) relying on a deprecated or retired contract version, for the warnings on consumers' pages.</summary>
    public async Task<List<BoundPortDto>> OutdatedBindingsAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from port in db.Ports
                      where port.QuantumId == quantumId && port.ContractId != null
                      join version in db.ContractVersions on new { Id = port.ContractId!, V = port.ContractVersion! } equals new { Id = version.ContractId, V = version.Version }
                      where version.Status == ContractStatus.Deprecated || version.Status == ContractStatus.Retired
                      join quantum in db.Quanta on port.QuantumId equals quantum.Id
                      select new BoundPortDto(quantum.Id, quantum.Domain!.Slug, quantum.Slug, quantum.Name, port.Direction.ToString().ToLower(), port.Name, version.ContractId + "@" + version.Version))
            .ToListAsync(ct);
    }

    /// <summary>A quantum's input and output ports with the contract version each serves or relies on, and that version's status.</summary>
    public async Task<List<PortBindingDto>> PortBindingsAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ports = await db.Ports.AsNoTracking().Where(p => p.QuantumId == quantumId && p.Direction != PortDirection.Management)
            .Select(p => new { p.Direction, p.Name, p.Kind, p.ContractId, p.ContractVersion, p.UpstreamQuantumId, p.UpstreamPort }).ToListAsync(ct);
        var ids = ports.Where(p => p.ContractId != null).Select(p => p.ContractId!).Distinct().ToList();
        var versions = await db.ContractVersions.AsNoTracking().Where(v => ids.Contains(v.ContractId))
            .Select(v => new { v.ContractId, v.Version, v.Status, v.Contract!.Name }).ToListAsync(ct);
        return ports.OrderBy(p => p.Direction).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p =>
        {
            var bound = versions.FirstOrDefault(v => v.ContractId == p.ContractId && v.Version == p.ContractVersion);
            return new PortBindingDto(EnumText.Of(p.Direction), p.Name, p.Kind, p.ContractId, p.ContractVersion,
                bound is null ? null : EnumText.Of(bound.Status), bound?.Name, p.UpstreamQuantumId, p.UpstreamPort);
        }).ToList();
    }

    private static async Task<List<BoundPortDto>> BoundPortsAsync(MeshDbContext db, string id, string? version, PortDirection? direction, CancellationToken ct)
    {
        var ports = db.Ports.AsNoTracking().Where(p => p.ContractId == id);
        if (version is not null) ports = ports.Where(p => p.ContractVersion == version);
        if (direction is not null) ports = ports.Where(p => p.Direction == direction);
        var rows = await (from port in ports
                          join quantum in db.Quanta on port.QuantumId equals quantum.Id
                          orderby quantum.Name
                          select new { quantum.Id, Domain = quantum.Domain!.Slug, quantum.Slug, quantum.Name, port.Direction, Port = port.Name, port.ContractVersion })
            .ToListAsync(ct);
        return rows.Select(r => new BoundPortDto(r.Id, r.Domain, r.Slug, r.Name, EnumText.Of(r.Direction), r.Port, r.ContractVersion!)).ToList();
    }

    private static string? Extends(ContractVersion v) => v.ParentContractId is null ? null : $"{v.ParentContractId}@{v.ParentVersion}";
}

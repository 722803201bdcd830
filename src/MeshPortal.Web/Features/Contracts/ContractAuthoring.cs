using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Contracts;

/// <summary>
/// Changing contracts: importing versions, editing drafts, publishing with the semver check, lifecycle and
/// bindings to ports. Each write checks the caller's role in the contract's domain and saves in one transaction.
/// </summary>
public sealed class ContractAuthoring(IDbContextFactory<MeshDbContext> factory, TimeProvider clock)
{
    /// <summary>Adds a contract version from an ODCS document (a new contract when its id is new).</summary>
    public async Task<OperationResult<ImportResultDto>> ImportAsync(Caller caller, string? text, ImportTarget target, CancellationToken ct = default)
    {
        var read = ContractDocument.Read(text);
        if (!read.Succeeded) return read.As<ImportResultDto>();
        return await ImportAsync(caller, read.Value!, target, ct);
    }

    public async Task<OperationResult<ImportResultDto>> ImportAsync(Caller caller, ContractDocument doc, ImportTarget target, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var contract = await db.Contracts.Include(c => c.Domain).FirstOrDefaultAsync(c => c.Id == doc.Id, ct);

        Port? port = null;
        MeshDomain? domain = contract?.Domain;
        if (target.QuantumId is { } quantumId)
        {
            var quantum = await db.Quanta.Include(q => q.Domain).Include(q => q.Ports).FirstOrDefaultAsync(q => q.Id == quantumId, ct);
            if (quantum is null) return OperationResult<ImportResultDto>.NotFound($"There is no quantum {quantumId}.");
            port = quantum.Ports.FirstOrDefault(p => p.Direction == PortDirection.Output && p.Name == target.Port);
            if (port is null)
                return Invalid("port", string.IsNullOrWhiteSpace(target.Port)
                    ? "Name the output port to bind: ?quantum=<id>&port=<name>."
                    : $"Quantum '{quantum.Slug}' has no output port '{target.Port}'; it has {string.Join(", ", quantum.Ports.Where(p => p.Direction == PortDirection.Output).Select(p => p.Name))}.");
            if (domain is not null && domain.Id != quantum.DomainId)
                return OperationResult<ImportResultDto>.Conflict("quantum", $"Contract '{doc.Id}' belongs to the {domain.Name} domain; only quanta of that domain can serve it.");
            domain ??= quantum.Domain;
        }
        if (domain is null && !string.IsNullOrWhiteSpace(target.Domain))
        {
            domain = await db.Domains.FirstOrDefaultAsync(d => d.Slug == target.Domain, ct);
            if (domain is null) return Invalid("domain", $"There is no domain '{target.Domain}'.");
        }
        if (domain is null)
        {
            var owned = await db.Quanta.Where(q => q.OwnerId == caller.UserId).Select(q => q.DomainId).Distinct().ToListAsync(ct);
            if (owned.Count != 1)
                return Invalid("domain", $"Say which domain owns this contract with ?domain=<slug> (you own quanta in {owned.Count} domains).");
            domain = await db.Domains.FirstAsync(d => d.Id == owned[0], ct);
        }
        if (!caller.CanEditIn(domain.Id)) return OperationResult<ImportResultDto>.Forbidden($"Only members of the {domain.Name} domain may add contracts to it.");

        var versionText = doc.Version.ToString();
        if (contract is not null && await db.ContractVersions.AnyAsync(v => v.ContractId == doc.Id && v.Version == versionText, ct))
            return OperationResult<ImportResultDto>.Conflict("version", $"Contract '{doc.Id}' already has version {versionText}. Post a new version, or edit the draft.");

        var effective = await ResolveEffectiveAsync(db, doc, ct);
        if (!effective.Succeeded) return effective.As<ImportResultDto>();

        if (contract is null)
        {
            contract = new DataContract { Id = doc.Id, DomainId = domain.Id, Name = NameOf(doc.Json) };
            db.Contracts.Add(contract);
        }
        else
        {
            contract.Name = NameOf(doc.Json);
        }
        var version = NewVersion(doc, effective.Value!);
        db.ContractVersions.Add(version);

        if (doc.Status == ContractStatus.Active)
        {
            var published = await PublishChecksAsync(db, caller, contract, version, ct);
            if (!published.Succeeded) return published.As<ImportResultDto>();
        }
        else if (!ContractLifecycle.IsEditable(doc.Status) && !caller.OwnsDomain(domain.Id))
        {
            // A deprecated or retired version is frozen on arrival: that is a lifecycle decision, like publishing.
            return OperationResult<ImportResultDto>.Forbidden($"Only the data product owners of {domain.Name} may import a {EnumText.Of(doc.Status)} version; import it as a draft.");
        }
        if (port is not null)
        {
            port.ContractId = doc.Id;
            port.ContractVersion = versionText;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import added the contract or this version between the check and the save; nothing of this one is saved.
            return OperationResult<ImportResultDto>.Conflict("version", $"Contract '{doc.Id}' version {versionText} was added by another request at the same time.");
        }
        return OperationResult<ImportResultDto>.Ok(new ImportResultDto(doc.Id, versionText, EnumText.Of(version.Status), Location(doc.Id, versionText)));
    }

    /// <summary>Replaces a proposed or draft version's document. The version number may change while it is a draft.</summary>
    public async Task<OperationResult<ImportResultDto>> UpdateDraftAsync(Caller caller, string id, string version, string? text, int? expectedRevision, CancellationToken ct = default)
    {
        var read = ContractDocument.Read(text);
        if (!read.Succeeded) return read.As<ImportResultDto>();
        var doc = read.Value!;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var stored = await db.ContractVersions.Include(v => v.Contract!).ThenInclude(c => c.Domain).Include(v => v.Columns)
            .FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version, ct);
        if (stored is null) return OperationResult<ImportResultDto>.NotFound($"Contract '{id}' has no version {version}.");
        if (!caller.CanEditIn(stored.Contract!.DomainId)) return OperationResult<ImportResultDto>.Forbidden($"Only members of the {stored.Contract.Domain!.Name} domain may edit this contract.");
        if (!ContractLifecycle.IsEditable(stored.Status))
            return OperationResult<ImportResultDto>.Conflict("status", $"Version {version} is {EnumText.Of(stored.Status)} and cannot change; create a new version instead.");
        if (doc.Id != id) return Invalid("/id", $"The document's id '{doc.Id}' must stay '{id}'.");
        if (!ContractLifecycle.IsEditable(doc.Status))
            return Invalid("/status", "A draft stays proposed or draft while it is edited; publish it to make it active.");
        if (expectedRevision is { } revision && revision != stored.Revision)
            return OperationResult<ImportResultDto>.Stale($"This draft changed since revision {revision} (now {stored.Revision}). Reload it and apply your change again.");
        var newVersion = doc.Version.ToString();
        if (newVersion != version && await db.ContractVersions.AnyAsync(v => v.ContractId == id && v.Version == newVersion, ct))
            return OperationResult<ImportResultDto>.Conflict("/version", $"Contract '{id}' already has version {newVersion}.");

        var effective = await ResolveEffectiveAsync(db, doc, ct);
        if (!effective.Succeeded) return effective.As<ImportResultDto>();
        db.Entry(stored).Property(v => v.Revision).OriginalValue = stored.Revision;
        var replacement = NewVersion(doc, effective.Value!);
        stored.Version = replacement.Version;
        stored.SortKey = replacement.SortKey;
        stored.Status = replacement.Status;
        stored.ApiVersion = replacement.ApiVersion;
        stored.Document = replacement.Document;
        stored.Effective = replacement.Effective;
        stored.ParentContractId = replacement.ParentContractId;
        stored.ParentVersion = replacement.ParentVersion;
        stored.Revision++;
        db.ContractColumns.RemoveRange(stored.Columns);
        // Added explicitly: the new columns already have their Guid keys, so change tracking alone would take them
        // for existing rows and issue UPDATEs that hit nothing (reported as a concurrent edit).
        foreach (var column in replacement.Columns) column.ContractVersionId = stored.Id;
        db.ContractColumns.AddRange(replacement.Columns);
        stored.Columns = replacement.Columns;
        stored.Contract.Name = NameOf(doc.Json);
        if (newVersion != version)
        {
            // Ports pinned to the draft follow its new number.
            await db.Ports.Where(p => p.ContractId == id && p.ContractVersion == version).ForEachAsync(p => p.ContractVersion = newVersion, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<ImportResultDto>.Stale("Someone else saved this draft at the same time. Reload it and apply your change again.");
        }
        catch (DbUpdateException)
        {
            return OperationResult<ImportResultDto>.Conflict("/version", $"Contract '{id}' version {newVersion} was added by another request at the same time.");
        }
        return OperationResult<ImportResultDto>.Ok(new ImportResultDto(id, newVersion, EnumText.Of(stored.Status), Location(id, newVersion)));
    }

    public async Task<OperationResult<bool>> DeleteDraftAsync(Caller caller, string id, string version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var stored = await db.ContractVersions.Include(v => v.Contract!).ThenInclude(c => c.Domain).FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version, ct);
        if (stored is null) return OperationResult<bool>.NotFound($"Contract '{id}' has no version {version}.");
        if (!caller.CanEditIn(stored.Contract!.DomainId)) return OperationResult<bool>.Forbidden($"Only members of the {stored.Contract.Domain!.Name} domain may delete its drafts.");
        if (!ContractLifecycle.IsEditable(stored.Status)) return OperationResult<bool>.Conflict("status", "Only proposed and draft versions can be deleted; deprecate or retire the others.");
        if (await db.Ports.AnyAsync(p => p.ContractId == id && p.ContractVersion == version, ct))
            return OperationResult<bool>.Conflict("version", "A port is bound to this draft; bind it to another version first.");
        db.ContractVersions.Remove(stored);
        if (!await db.ContractVersions.AnyAsync(v => v.ContractId == id && v.Id != stored.Id, ct)) db.Contracts.Remove(stored.Contract);
        await db.SaveChangesAsync(ct);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>
    /// Makes a draft active, refusing a version number smaller than its changes require (compared with the
    /// highest published version below it). Older active versions of the same major are deprecated; other
    /// majors stay active so consumers can move at their pace.
    /// </summary>
    public async Task<OperationResult<ImportResultDto>> PublishAsync(Caller caller, string id, string version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var stored = await db.ContractVersions.Include(v => v.Contract!).ThenInclude(c => c.Domain).FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version, ct);
        if (stored is null) return OperationResult<ImportResultDto>.NotFound($"Contract '{id}' has no version {version}.");
        if (!ContractLifecycle.IsEditable(stored.Status))
            return OperationResult<ImportResultDto>.Conflict("status", $"Version {version} is already {EnumText.Of(stored.Status)}.");
        var checks = await PublishChecksAsync(db, caller, stored.Contract!, stored, ct);
        if (!checks.Succeeded) return checks.As<ImportResultDto>();
        await db.SaveChangesAsync(ct);
        return OperationResult<ImportResultDto>.Ok(new ImportResultDto(id, version, EnumText.Of(stored.Status), Location(id, version)));
    }

    /// <summary>Deprecates, retires or reactivates a published version (owners only).</summary>
    public async Task<OperationResult<ImportResultDto>> ChangeStatusAsync(Caller caller, string id, string version, string? status, CancellationToken ct = default)
    {
        if (!EnumText.TryParse<ContractStatus>(status, out var target))
            return Invalid("status", $"'{status}' is not a contract status; use {EnumText.Choices<ContractStatus>()}.");
        if (target == ContractStatus.Active) return await PublishOrReactivateAsync(caller, id, version, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var stored = await db.ContractVersions.Include(v => v.Contract!).ThenInclude(c => c.Domain).FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version, ct);
        if (stored is null) return OperationResult<ImportResultDto>.NotFound($"Contract '{id}' has no version {version}.");
        var editing = ContractLifecycle.IsEditable(stored.Status) && ContractLifecycle.IsEditable(target);
        if (editing ? !caller.CanEditIn(stored.Contract!.DomainId) : !caller.OwnsDomain(stored.Contract!.DomainId))
            return OperationResult<ImportResultDto>.Forbidden($"Only the data product owners of {stored.Contract.Domain!.Name} change the status of its published contracts.");
        if (!ContractLifecycle.CanMove(stored.Status, target))
            return Invalid("status", $"A {EnumText.Of(stored.Status)} version can move to {string.Join(" or ", ContractLifecycle.NextStatuses(stored.Status).Select(s => EnumText.Of(s)))}, not {EnumText.Of(target)}.");
        SetStatus(stored, target);
        await db.SaveChangesAsync(ct);
        return OperationResult<ImportResultDto>.Ok(new ImportResultDto(id, version, EnumText.Of(stored.Status), Location(id, version)));
    }

    /// <summary>Binds a quantum's port to a contract version: the version an output port serves, or an input port relies on.</summary>
    public async Task<OperationResult<BoundPortDto>> BindPortAsync(Caller caller, Guid quantumId, PortDirection direction, string portName, BindingInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var quantum = await db.Quanta.Include(q => q.Domain).Include(q => q.Ports).FirstOrDefaultAsync(q => q.Id == quantumId, ct);
        if (quantum is null) return OperationResult<BoundPortDto>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEditIn(quantum.DomainId)) return OperationResult<BoundPortDto>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may bind its ports.");
        var port = quantum.Ports.FirstOrDefault(p => p.Direction == direction && p.Name == portName);
        if (port is null) return OperationResult<BoundPortDto>.NotFound($"Quantum '{quantum.Slug}' has no {EnumText.Of(direction)} port '{portName}'.");
        if (string.IsNullOrWhiteSpace(input.ContractId))
        {
            port.ContractId = null;
            port.ContractVersion = null;
            await db.SaveChangesAsync(ct);
            return OperationResult<BoundPortDto>.Ok(new BoundPortDto(quantum.Id, quantum.Domain!.Slug, quantum.Slug, quantum.Name, EnumText.Of(direction), port.Name, ""));
        }
        var version = await db.ContractVersions.Include(v => v.Contract).FirstOrDefaultAsync(v => v.ContractId == input.ContractId && v.Version == input.Version, ct);
        if (version is null) return Invalid<BoundPortDto>("version", $"Contract '{input.ContractId}' has no version '{input.Version}'.");
        if (direction == PortDirection.Output && version.Contract!.DomainId != quantum.DomainId)
            return Invalid<BoundPortDto>("contractId", "An output port serves a contract of its own domain; extend the other domain's contract to serve it here.");
        if (version.Status == ContractStatus.Retired) return Invalid<BoundPortDto>("version", "That version is retired; bind a current one.");
        port.ContractId = version.ContractId;
        port.ContractVersion = version.Version;
        await db.SaveChangesAsync(ct);
        return OperationResult<BoundPortDto>.Ok(new BoundPortDto(quantum.Id, quantum.Domain!.Slug, quantum.Slug, quantum.Name, EnumText.Of(direction), port.Name, version.Version));
    }

    private async Task<OperationResult<ImportResultDto>> PublishOrReactivateAsync(Caller caller, string id, string version, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var stored = await db.ContractVersions.Include(v => v.Contract!).ThenInclude(c => c.Domain).FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version, ct);
        if (stored is null) return OperationResult<ImportResultDto>.NotFound($"Contract '{id}' has no version {version}.");
        if (stored.Status != ContractStatus.Deprecated) return await PublishAsync(caller, id, version, ct);
        if (!caller.OwnsDomain(stored.Contract!.DomainId))
            return OperationResult<ImportResultDto>.Forbidden($"Only the data product owners of {stored.Contract.Domain!.Name} change the status of its published contracts.");
        SetStatus(stored, ContractStatus.Active);
        await db.SaveChangesAsync(ct);
        return OperationResult<ImportResultDto>.Ok(new ImportResultDto(id, version, "active", Location(id, version)));
    }

    private async Task<OperationResult<bool>> PublishChecksAsync(MeshDbContext db, Caller caller, DataContract contract, ContractVersion version, CancellationToken ct)
    {
        var domainName = contract.Domain?.Name ?? (await db.Domains.FindAsync([contract.DomainId], ct))?.Name;
        if (!caller.OwnsDomain(contract.DomainId))
            return OperationResult<bool>.Forbidden($"Publishing is the decision of the {domainName} domain's data product owners.");
        var semver = SemVer.Parse(version.Version);
        var published = await db.ContractVersions.AsNoTracking()
            .Where(v => v.ContractId == contract.Id && v.Id != version.Id && (v.Status == ContractStatus.Active || v.Status == ContractStatus.Deprecated))
            .ToListAsync(ct);
        var predecessor = published.Where(v => SemVer.Parse(v.Version) < semver).MaxBy(v => SemVer.Parse(v.Version));
        if (predecessor is not null)
        {
            var diff = ContractDiff.Compare(JsonNode.Parse(predecessor.Effective)!.AsObject(), JsonNode.Parse(version.Effective)!.AsObject());
            var bump = semver.BumpFrom(SemVer.Parse(predecessor.Version))!.Value;
            var blocking = diff.RequiringMoreThan(bump).ToList();
            if (blocking.Count > 0)
            {
                var needed = SemVer.Parse(predecessor.Version).Next(diff.RequiredBump);
                return OperationResult<bool>.Unprocessable(
                    $"Version {version.Version} is a {EnumText.Of(bump)} bump from {predecessor.Version}, but its changes need a {EnumText.Of(diff.RequiredBump)} bump (e.g. {needed}).",
                    blocking.GroupBy(c => c.Path).ToDictionary(g => g.Key, g => g.Select(c => $"{c.Kind} ({EnumText.Of(c.Impact)}): {c.Before} → {c.After}").ToArray()),
                    ContractCatalog.ToDto(predecessor.Version, version.Version, new ContractDiffResult(blocking)));
            }
        }
        SetStatus(version, ContractStatus.Active);
        version.PublishedAt = clock.GetUtcNow();
        version.PublishedBy = caller.Username;
        // Within a major, the newest published version supersedes the older ones.
        var superseded = published.Where(v => v.Status == ContractStatus.Active && SemVer.Parse(v.Version).Major == semver.Major && SemVer.Parse(v.Version) < semver).Select(v => v.Id).ToList();
        foreach (var older in await db.ContractVersions.Where(v => superseded.Contains(v.Id)).ToListAsync(ct)) SetStatus(older, ContractStatus.Deprecated);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>The effective document: the document itself, or flattened with the parent version it extends.</summary>
    private static async Task<OperationResult<JsonObject>> ResolveEffectiveAsync(MeshDbContext db, ContractDocument doc, CancellationToken ct)
    {
        var parent = ContractNormalizer.Normalize(doc.Json).Parent;
        if (parent is null) return OperationResult<JsonObject>.Ok(doc.Json);
        if (parent.ContractId == doc.Id)
            return OperationResult<JsonObject>.Unprocessable("A contract cannot extend itself.", new Dictionary<string, string[]> { ["/customProperties"] = ["meshportal.extends names this contract."] });
        var parentVersion = await db.ContractVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContractId == parent.ContractId && v.Version == parent.Version, ct);
        if (parentVersion is null)
            return OperationResult<JsonObject>.Unprocessable($"The parent {parent} does not exist.", new Dictionary<string, string[]> { ["/customProperties"] = [$"meshportal.extends names {parent}, which is not in the portal."] });
        if (parentVersion.Status == ContractStatus.Retired)
            return OperationResult<JsonObject>.Unprocessable($"The parent {parent} is retired.", new Dictionary<string, string[]> { ["/customProperties"] = ["Extend a current version of the parent."] });
        // The child's effective document is flattened once, so its parent must not change or vanish afterwards.
        if (ContractLifecycle.IsEditable(parentVersion.Status))
            return OperationResult<JsonObject>.Unprocessable($"The parent {parent} is still a {EnumText.Of(parentVersion.Status)} and may change; publish it first.",
                new Dictionary<string, string[]> { ["/customProperties"] = ["Extend a published (active or deprecated) version of the parent."] });
        var flattened = ContractInheritance.Flatten(JsonNode.Parse(parentVersion.Effective)!.AsObject(), doc.Json);
        if (!flattened.IsValid)
            return OperationResult<JsonObject>.Unprocessable($"The contract does not respect its parent {parent}: a child may add and tighten, not remove or loosen.",
                flattened.Violations.GroupBy(v => v.Path).ToDictionary(g => g.Key, g => g.Select(v => v.Reason).ToArray()));
        return OperationResult<JsonObject>.Ok(flattened.Effective);
    }

    private static ContractVersion NewVersion(ContractDocument doc, JsonObject effective)
    {
        var parent = ContractNormalizer.Normalize(doc.Json).Parent;
        var normalized = ContractNormalizer.Normalize(effective);
        var position = 0;
        return new ContractVersion
        {
            ContractId = doc.Id,
            Version = doc.Version.ToString(),
            SortKey = ContractVersion.SortKeyOf(doc.Version),
            Status = doc.Status,
            ApiVersion = doc.ApiVersion,
            Document = doc.Json.ToJsonString(),
            Effective = effective.ToJsonString(),
            ParentContractId = parent?.ContractId,
            ParentVersion = parent?.Version,
            Columns = normalized.Objects.SelectMany(o => o.Properties.SelectMany(p => p.SelfAndDescendants()).Select(p => new ContractColumn
            {
                ObjectName = o.Name,
                Path = p.Path,
                Name = p.Name,
                LogicalType = p.LogicalType,
                PhysicalType = p.PhysicalType,
                Description = p.Description,
                Classification = p.Classification,
                Pii = p.Pii,
                Required = p.Required,
                Unique = p.Unique,
                PrimaryKey = p.PrimaryKey,
                Tags = p.Tags.ToList(),
                Position = position++,
            })).ToList(),
        };
    }

    private static void SetStatus(ContractVersion version, ContractStatus status)
    {
        version.Status = status;
        version.Document = ContractDocument.WithStatus(version.Document, status);
        version.Effective = ContractDocument.WithStatus(version.Effective, status);
    }

    private static string NameOf(JsonObject doc) => ContractNormalizer.Text(doc, "name") ?? ContractNormalizer.Text(doc, "dataProduct") ?? ContractNormalizer.Text(doc, "id") ?? "";

    public static string Location(string id, string version) => $"/api/v1/contracts/{Uri.EscapeDataString(id)}/versions/{Uri.EscapeDataString(version)}";

    private static OperationResult<ImportResultDto> Invalid(string field, string message) => Invalid<ImportResultDto>(field, message);

    private static OperationResult<T> Invalid<T>(string field, string message) =>
        OperationResult<T>.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

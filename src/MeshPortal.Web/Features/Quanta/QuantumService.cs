using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quanta;

/// <summary>
/// Registering, reading and changing quanta, for the API and the UI alike. Every write checks the
/// caller's role in the owning domain here, on the server.
/// </summary>
public sealed class QuantumService(IDbContextFactory<MeshDbContext> factory)
{
    public async Task<Page<QuantumDto>> QueryAsync(QuantumQuery query, CancellationToken ct = default)
    {
        var (page, size) = Page<QuantumDto>.Normalize(query.Page, query.PageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var quanta = db.Quanta.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Domain)) quanta = quanta.Where(q => q.Domain!.Slug == query.Domain);
        if (EnumText.TryParse<QuantumStatus>(query.Status, out var status)) quanta = quanta.Where(q => q.Status == status);
        if (EnumText.TryParse<Tier>(query.Tier, out var tier)) quanta = quanta.Where(q => q.Tier == tier);
        if (!string.IsNullOrWhiteSpace(query.Tag)) quanta = quanta.Where(q => q.Tags.Contains(query.Tag.ToLowerInvariant()));
        if (!string.IsNullOrWhiteSpace(query.Owner)) quanta = quanta.Where(q => q.Owner!.Username == query.Owner);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = "%" + query.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            quanta = quanta.Where(q => EF.Functions.Like(q.Name, pattern, "\\") || EF.Functions.Like(q.Slug, pattern, "\\") || EF.Functions.Like(q.Description, pattern, "\\"));
        }
        var total = await quanta.CountAsync(ct);
        var ordered = query.Sort == "newest"
            ? quanta.OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Name)
            : quanta.OrderBy(q => q.Domain!.Slug).ThenBy(q => q.Name);
        var items = await ordered
            .Skip((page - 1) * size).Take(size)
            .Include(q => q.Domain).Include(q => q.Owner).Include(q => q.Ports)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new Page<QuantumDto>(total, page, size, await ToDtosAsync(db, items, ct));
    }

    public async Task<QuantumDto?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await LoadAsync(db, id, tracking: false, ct);
        return quantum is null ? null : (await ToDtosAsync(db, [quantum], ct))[0];
    }

    public async Task<QuantumDto?> GetBySlugAsync(string domain, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await db.Quanta.Where(q => q.Domain!.Slug == domain && q.Slug == slug).Select(q => (Guid?)q.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await GetAsync(id.Value, ct);
    }

    /// <summary>Quanta whose input ports read this quantum's output ports.</summary>
    public async Task<List<ConsumerDto>> ConsumersAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from port in db.Ports
                      where port.UpstreamQuantumId == id
                      join consumer in db.Quanta on port.QuantumId equals consumer.Id
                      orderby consumer.Name
                      select new ConsumerDto(consumer.Id, consumer.Domain!.Slug, consumer.Slug, consumer.Name, port.Name, port.UpstreamPort ?? ""))
            .ToListAsync(ct);
    }

    public async Task<OperationResult<QuantumDto>> RegisterAsync(Caller caller, QuantumInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var errors = new ValidationErrors();
        var domain = string.IsNullOrWhiteSpace(input.Domain) ? null : await db.Domains.FirstOrDefaultAsync(d => d.Slug == input.Domain, ct);
        if (domain is null) errors.Add("domain", string.IsNullOrWhiteSpace(input.Domain) ? "A domain is required." : $"There is no domain '{input.Domain}'.");
        if (domain is not null && !caller.CanEditIn(domain.Id))
            return OperationResult<QuantumDto>.Forbidden($"Only members of the {domain.Name} domain may register quanta in it.");

        var parsed = QuantumValidator.Validate(input, errors);
        if (parsed is not null && parsed.Status is { } s && s is not (QuantumStatus.Draft or QuantumStatus.Active))
            errors.Add("status", "A new quantum starts as draft or active.");
        // Registering straight into active is an activation, which is the owners' decision just like a status change.
        if (parsed?.Status == QuantumStatus.Active && domain is not null && !caller.OwnsDomain(domain.Id))
            return OperationResult<QuantumDto>.Forbidden($"Only data product owners of the {domain.Name} domain may register a quantum as active; register it as draft.");
        var owner = parsed is null || domain is null ? null : await ResolveOwnerAsync(db, caller, domain.Id, input.Owner, errors, ct);
        if (parsed is not null) await ValidateUpstreamsAsync(db, parsed.Ports, null, errors, ct);
        if (errors.Any || parsed is null || domain is null || owner is null) return OperationResult<QuantumDto>.Invalid(errors.ToDictionary());

        if (await db.Quanta.AnyAsync(q => q.DomainId == domain.Id && q.Slug == parsed.Slug, ct))
            return OperationResult<QuantumDto>.Conflict("slug", $"The {domain.Name} domain already has a quantum '{parsed.Slug}'.");

        var quantum = new Quantum
        {
            DomainId = domain.Id,
            Slug = parsed.Slug,
            Name = parsed.Name,
            Description = parsed.Description,
            Tier = parsed.Tier,
            Status = parsed.Status ?? QuantumStatus.Draft,
            Tags = parsed.Tags,
            OwnerId = owner.Value,
            Ports = parsed.Ports,
        };
        db.Quanta.Add(quantum);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another registration took the slug between the check and the save.
            return OperationResult<QuantumDto>.Conflict("slug", $"The {domain.Name} domain already has a quantum '{parsed.Slug}'.");
        }
        return OperationResult<QuantumDto>.Ok((await GetAsync(quantum.Id, ct))!);
    }

    /// <summary>Replaces the quantum's fields and ports. The domain cannot change; moving a quantum is not a PUT.</summary>
    public async Task<OperationResult<QuantumDto>> UpdateAsync(Caller caller, Guid id, QuantumInput input, int? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var quantum = await LoadAsync(db, id, tracking: true, ct);
        if (quantum is null) return OperationResult<QuantumDto>.NotFound($"There is no quantum {id}.");
        if (!caller.CanEdit(quantum)) return OperationResult<QuantumDto>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may change this quantum.");

        var errors = new ValidationErrors();
        var version = expectedVersion ?? input.Version;
        if (version is null) errors.Add("version", "Send the version you read (in the body or as If-Match) so a concurrent change is not overwritten.");
        if (!string.IsNullOrWhiteSpace(input.Domain) && input.Domain != quantum.Domain!.Slug)
            errors.Add("domain", "A quantum cannot move to another domain.");
        var parsed = QuantumValidator.Validate(input, errors);
        var newStatus = parsed?.Status ?? quantum.Status;
        if (parsed is not null && Lifecycle.Validate(quantum.Status, newStatus) is { } lifecycleError) errors.Add("status", lifecycleError);
        if (parsed is not null && newStatus != quantum.Status && !caller.CanChangeStatus(quantum))
            return OperationResult<QuantumDto>.Forbidden($"Only data product owners of the {quantum.Domain!.Name} domain may change a quantum's status.");
        var owner = parsed is null ? null : await ResolveOwnerAsync(db, caller, quantum.DomainId, input.Owner ?? quantum.Owner!.Username, errors, ct);
        if (parsed is not null) await ValidateUpstreamsAsync(db, parsed.Ports, quantum.Id, errors, ct);
        if (errors.Any || parsed is null || owner is null) return OperationResult<QuantumDto>.Invalid(errors.ToDictionary());

        if (version != quantum.Version)
            return OperationResult<QuantumDto>.Stale($"The quantum changed since version {version}; it is now at version {quantum.Version}. Reload and apply your change again.");
        if (parsed.Slug != quantum.Slug && await db.Quanta.AnyAsync(q => q.DomainId == quantum.DomainId && q.Slug == parsed.Slug && q.Id != id, ct))
            return OperationResult<QuantumDto>.Conflict("slug", $"The {quantum.Domain!.Name} domain already has a quantum '{parsed.Slug}'.");

        db.Entry(quantum).Property(q => q.Version).OriginalValue = version.Value;
        quantum.Slug = parsed.Slug;
        quantum.Name = parsed.Name;
        quantum.Description = parsed.Description;
        quantum.Tier = parsed.Tier;
        quantum.Status = newStatus;
        quantum.Tags = parsed.Tags;
        quantum.OwnerId = owner.Value;
        ReplacePorts(db, quantum, parsed.Ports);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<QuantumDto>.Stale("The quantum was changed by someone else while you saved. Reload and apply your change again.");
        }
        return OperationResult<QuantumDto>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<OperationResult<QuantumDto>> ChangeStatusAsync(Caller caller, Guid id, QuantumStatus status, int expectedVersion, CancellationToken ct = default)
    {
        var current = await GetAsync(id, ct);
        if (current is null) return OperationResult<QuantumDto>.NotFound($"There is no quantum {id}.");
        return await UpdateAsync(caller, id, ToInput(current) with { Status = EnumText.Of(status) }, expectedVersion, ct);
    }

    /// <summary>The input that would recreate a quantum as it is: the starting point of edit forms.</summary>
    public static QuantumInput ToInput(QuantumDto q) => new()
    {
        Domain = q.Domain,
        Slug = q.Slug,
        Name = q.Name,
        Description = q.Description,
        Tier = q.Tier,
        Status = q.Status,
        Tags = q.Tags.ToList(),
        Owner = q.Owner.Username,
        Version = q.Version,
        Ports = q.Ports.Select(p => new PortInput
        {
            Direction = p.Direction, Name = p.Name, Kind = p.Kind, Description = p.Description, Source = p.Source,
            UpstreamQuantumId = p.UpstreamQuantumId, UpstreamPort = p.UpstreamPort, Endpoint = p.Endpoint,
        }).ToList(),
    };

    private static void ReplacePorts(MeshDbContext db, Quantum quantum, List<Port> ports)
    {
        // Ports keep their ids when they keep their direction and name, so bindings to them survive an edit.
        foreach (var existing in quantum.Ports.ToList())
        {
            var match = ports.FirstOrDefault(p => p.Direction == existing.Direction && p.Name == existing.Name);
            if (match is null)
            {
                quantum.Ports.Remove(existing);
                db.Ports.Remove(existing);
                continue;
            }
            existing.Kind = match.Kind;
            existing.Description = match.Description;
            existing.Source = match.Source;
            if (existing.UpstreamQuantumId != match.UpstreamQuantumId || existing.UpstreamPort != match.UpstreamPort)
            {
                // Reading another producer's port: rely on the contract version that port serves now.
                existing.ContractId = match.ContractId;
                existing.ContractVersion = match.ContractVersion;
            }
            existing.UpstreamQuantumId = match.UpstreamQuantumId;
            existing.UpstreamPort = match.UpstreamPort;
            existing.Endpoint = match.Endpoint;
        }
        foreach (var port in ports.Where(p => !quantum.Ports.Any(e => e.Direction == p.Direction && e.Name == p.Name)))
        {
            port.QuantumId = quantum.Id;
            // Added explicitly: the new port already has its Guid key, so change tracking alone would take it
            // for an existing row and issue an UPDATE that hits nothing (reported as a stale version).
            db.Ports.Add(port);
            quantum.Ports.Add(port);
        }
    }

    private static async Task<Guid?> ResolveOwnerAsync(MeshDbContext db, Caller caller, Guid domainId, string? username, ValidationErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || username == caller.Username)
        {
            if (!caller.CanEditIn(domainId)) errors.Add("owner", "The owner must be a member of the domain.");
            return caller.UserId;
        }
        var owner = await db.Users.Where(u => u.Username == username).Select(u => new { u.Id }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            errors.Add("owner", $"There is no user '{username}'.");
            return null;
        }
        if (!await db.DomainMembers.AnyAsync(m => m.DomainId == domainId && m.UserId == owner.Id, ct))
        {
            errors.Add("owner", $"'{username}' is not a member of the domain, so cannot own its quanta.");
            return null;
        }
        return owner.Id;
    }

    private static async Task ValidateUpstreamsAsync(MeshDbContext db, List<Port> ports, Guid? self, ValidationErrors errors, CancellationToken ct)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            if (port.UpstreamQuantumId is not { } upstream) continue;
            if (upstream == self)
            {
                errors.Add($"ports[{i}].upstreamQuantumId", "A quantum cannot read its own output.");
                continue;
            }
            var outputs = await db.Ports.Where(p => p.QuantumId == upstream && p.Direction == PortDirection.Output)
                .Select(p => new { p.Name, p.ContractId, p.ContractVersion }).ToListAsync(ct);
            var served = outputs.FirstOrDefault(o => o.Name == port.UpstreamPort);
            if (outputs.Count == 0 && !await db.Quanta.AnyAsync(q => q.Id == upstream, ct))
                errors.Add($"ports[{i}].upstreamQuantumId", $"There is no quantum {upstream}.");
            else if (served is null)
                errors.Add($"ports[{i}].upstreamPort", $"That quantum has no output port '{port.UpstreamPort}'" + (outputs.Count > 0 ? $"; it has {string.Join(", ", outputs.Select(o => o.Name))}." : "."));
            else
            {
                // A consumer binds to the contract version the producer's port serves when it connects.
                port.ContractId = served.ContractId;
                port.ContractVersion = served.ContractVersion;
            }
        }
    }

    private static Task<Quantum?> LoadAsync(MeshDbContext db, Guid id, bool tracking, CancellationToken ct)
    {
        var quanta = tracking ? db.Quanta : db.Quanta.AsNoTracking();
        return quanta.Include(q => q.Domain).Include(q => q.Owner).Include(q => q.Ports).AsSplitQuery().FirstOrDefaultAsync(q => q.Id == id, ct);
    }

    private static async Task<List<QuantumDto>> ToDtosAsync(MeshDbContext db, List<Quantum> quanta, CancellationToken ct)
    {
        var upstreamIds = quanta.SelectMany(q => q.Ports).Where(p => p.UpstreamQuantumId is not null).Select(p => p.UpstreamQuantumId!.Value).Distinct().ToList();
        var upstreams = upstreamIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Quanta.Where(q => upstreamIds.Contains(q.Id)).Select(q => new { q.Id, Path = q.Domain!.Slug + "/" + q.Slug }).ToDictionaryAsync(q => q.Id, q => q.Path, ct);
        var quality = await QualityBadges.LoadAsync(db, quanta.Select(q => q.Id).ToList(), ct);
        return quanta.Select(q => new QuantumDto(
            q.Id, q.Domain!.Slug, q.Domain.Name, q.Slug, q.Name, q.Description,
            EnumText.Of(q.Status), EnumText.Of(q.Tier), q.Tags,
            new PersonRef(q.Owner!.Username, q.Owner.DisplayName, q.Owner.Email),
            q.Ports.OrderBy(p => p.Direction).ThenBy(p => p.Name).Select(p => new PortDto(
                EnumText.Of(p.Direction), p.Name, p.Kind, p.Description, p.Source, p.UpstreamQuantumId, p.UpstreamPort,
                p.UpstreamQuantumId is { } u && upstreams.TryGetValue(u, out var path) ? path : null, p.Endpoint, p.ContractId, p.ContractVersion)).ToList(),
            q.Version, q.CreatedAt, q.CreatedBy, q.UpdatedAt, q.UpdatedBy, quality.GetValueOrDefault(q.Id, QualityBadges.NotChecked))).ToList();
    }
}

using MeshPortal.Domain;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Domains;

/// <summary>Domains and their members. Creating domains is for platform admins and the CDO; members are managed by them and the domain's owners.</summary>
public sealed class DomainService(IDbContextFactory<MeshDbContext> factory)
{
    public async Task<List<DomainDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var domains = await db.Domains.AsNoTracking().Include(d => d.Members).ThenInclude(m => m.User).OrderBy(d => d.Name).ToListAsync(ct);
        var counts = await db.Quanta.GroupBy(q => q.DomainId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return domains.Select(d => ToDto(d, counts.GetValueOrDefault(d.Id))).ToList();
    }

    public async Task<DomainDto?> GetAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var domain = await db.Domains.AsNoTracking().Include(d => d.Members).ThenInclude(m => m.User).FirstOrDefaultAsync(d => d.Slug == slug, ct);
        if (domain is null) return null;
        return ToDto(domain, await db.Quanta.CountAsync(q => q.DomainId == domain.Id, ct));
    }

    public async Task<Guid?> IdOfAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Domains.Where(d => d.Slug == slug).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<OperationResult<DomainDto>> CreateAsync(Caller caller, DomainInput input, CancellationToken ct = default)
    {
        if (!caller.CanAdministerDomains) return OperationResult<DomainDto>.Forbidden("Only platform admins and the chief data officer create domains.");
        var errors = new ValidationErrors();
        var slug = input.Slug?.Trim() ?? "";
        if (Slug.Validate(slug) is { } slugError) errors.Add("slug", slugError);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "A name is required.");
        else if (name.Length > 200) errors.Add("name", "A name has at most 200 characters.");
        if ((input.Description?.Length ?? 0) > 20_000) errors.Add("description", "A description has at most 20,000 characters.");
        if (errors.Any) return OperationResult<DomainDto>.Invalid(errors.ToDictionary());

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        if (await db.Domains.AnyAsync(d => d.Slug == slug, ct)) return OperationResult<DomainDto>.Conflict("slug", $"A domain '{slug}' exists already.");
        db.Domains.Add(new MeshDomain { Slug = slug, Name = name, Description = input.Description ?? "" });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OperationResult<DomainDto>.Conflict("slug", $"A domain '{slug}' exists already.");
        }
        return OperationResult<DomainDto>.Ok((await GetAsync(slug, ct))!);
    }

    /// <summary>Adds a member or changes their role.</summary>
    public async Task<OperationResult<DomainDto>> SetMemberAsync(Caller caller, string domainSlug, string username, string? role, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Slug == domainSlug, ct);
        if (domain is null) return OperationResult<DomainDto>.NotFound($"There is no domain '{domainSlug}'.");
        if (!caller.CanManageMembersOf(domain.Id)) return OperationResult<DomainDto>.Forbidden($"Only the owners of {domain.Name}, platform admins and the CDO manage its members.");
        if (!EnumText.TryParse<DomainRole>(role, out var parsedRole))
            return OperationResult<DomainDto>.Invalid(new Dictionary<string, string[]> { ["role"] = [$"'{role}' is not a domain role; use {EnumText.Choices<DomainRole>()}."] });
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null) return OperationResult<DomainDto>.NotFound($"There is no user '{username}'.");
        var member = await db.DomainMembers.FindAsync([domain.Id, user.Id], ct);
        if (member is null) db.DomainMembers.Add(new DomainMember { DomainId = domain.Id, UserId = user.Id, Role = parsedRole });
        else member.Role = parsedRole;
        await db.SaveChangesAsync(ct);
        return OperationResult<DomainDto>.Ok((await GetAsync(domainSlug, ct))!);
    }

    public async Task<OperationResult<DomainDto>> RemoveMemberAsync(Caller caller, string domainSlug, string username, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Slug == domainSlug, ct);
        if (domain is null) return OperationResult<DomainDto>.NotFound($"There is no domain '{domainSlug}'.");
        if (!caller.CanManageMembersOf(domain.Id)) return OperationResult<DomainDto>.Forbidden($"Only the owners of {domain.Name}, platform admins and the CDO manage its members.");
        var member = await db.DomainMembers.FirstOrDefaultAsync(m => m.DomainId == domain.Id && m.User!.Username == username, ct);
        if (member is null) return OperationResult<DomainDto>.NotFound($"'{username}' is not a member of {domain.Name}.");
        if (await db.Quanta.AnyAsync(q => q.DomainId == domain.Id && q.OwnerId == member.UserId, ct))
            return OperationResult<DomainDto>.Conflict("username", $"'{username}' still owns quanta in {domain.Name}; hand them over first.");
        db.DomainMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return OperationResult<DomainDto>.Ok((await GetAsync(domainSlug, ct))!);
    }

    private static DomainDto ToDto(MeshDomain d, int quantaCount) => new(
        d.Slug, d.Name, d.Description, quantaCount,
        d.Members.OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new MemberDto(m.User!.Username, m.User.DisplayName, m.User.Email, EnumText.Of(m.Role))).ToList(),
        d.CreatedAt, d.CreatedBy);
}

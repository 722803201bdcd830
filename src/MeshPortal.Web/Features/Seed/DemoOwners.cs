using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed;

/// <summary>The demo seeders act as each domain's data product owner, so every write passes the same checks as a user's.</summary>
public static class DemoOwners
{
    /// <summary>The id of a demo quantum named "domain/slug".</summary>
    public static Task<Guid> QuantumIdAsync(MeshDbContext db, string key, CancellationToken ct)
    {
        var (domain, slug) = Split(key);
        return db.Quanta.Where(q => q.Domain!.Slug == domain && q.Slug == slug).Select(q => q.Id).SingleAsync(ct);
    }

    public static (string Domain, string Slug) Split(string key) => (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);

    public static async Task<Caller> OwnerOfAsync(MeshDbContext db, string domain, CancellationToken ct)
    {
        var persona = DemoPersonas.All.First(p => p.DomainRoles.Contains((domain, DomainRole.DataProductOwner)));
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == persona.Username, ct)
                   ?? throw new InvalidOperationException($"Demo mesh: the persona '{persona.Username}' who owns {domain} is missing.");
        var roles = await db.DomainMembers.AsNoTracking().Where(m => m.UserId == user.Id).ToDictionaryAsync(m => m.DomainId, m => m.Role, ct);
        return new Caller(user.Id, user.Username, user.DisplayName, user.GlobalRoles.ToHashSet(), roles);
    }
}

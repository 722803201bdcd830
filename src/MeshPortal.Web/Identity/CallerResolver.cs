using System.Security.Claims;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeshPortal.Web.Identity;

/// <summary>
/// Turns an authenticated principal into a <see cref="Caller"/> with roles from the portal's membership
/// tables. Entra ID users are provisioned on first sight; their roles still come only from the portal.
/// </summary>
public sealed class CallerResolver(IDbContextFactory<MeshDbContext> factory, TimeProvider clock, IOptions<IdentityOptions> options)
{
    private const string EntraObjectId = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public async Task<Caller?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var subject = SubjectOf(principal);
        if (subject is null) return null;

        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Subject == subject, ct)
                   ?? await ProvisionAsync(db, principal, subject, ct);
        if (user is null) return null;
        var domainRoles = await db.DomainMembers.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .ToDictionaryAsync(m => m.DomainId, m => m.Role, ct);
        return new Caller(user.Id, user.Username, user.DisplayName, user.GlobalRoles.ToHashSet(), domainRoles);
    }

    private static string? SubjectOf(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(MeshClaims.Subject) is { } own) return own;
        var oid = principal.FindFirstValue(EntraObjectId) ?? principal.FindFirstValue("oid");
        return oid is null ? null : "entra:" + oid;
    }

    private async Task<User?> ProvisionAsync(MeshDbContext db, ClaimsPrincipal principal, string subject, CancellationToken ct)
    {
        if (!subject.StartsWith("entra:", StringComparison.Ordinal)) return null;
        var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Upn);
        var objectId = subject["entra:".Length..];
        var username = (email ?? objectId).ToLowerInvariant();
        var bootstrap = options.Value.BootstrapAdmins.Any(a => a.Equals(email, StringComparison.OrdinalIgnoreCase) || a.Equals(objectId, StringComparison.OrdinalIgnoreCase));
        var user = new User
        {
            Subject = subject,
            Username = username,
            DisplayName = principal.FindFirstValue("name") ?? username,
            Email = email,
            GlobalRoles = bootstrap ? [GlobalRole.PlatformAdmin] : [],
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first requests raced; the other one provisioned the user.
            db.ChangeTracker.Clear();
            return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Subject == subject, ct);
        }
        return user;
    }
}

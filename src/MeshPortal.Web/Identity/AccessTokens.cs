using System.Security.Cryptography;
using System.Text;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Identity;

/// <summary>Personal access tokens: issued once in plain text, stored as a SHA-256 hash, revocable, expiring.</summary>
public sealed class AccessTokens(IDbContextFactory<MeshDbContext> factory, TimeProvider clock)
{
    public const string TokenPrefix = "mp_";
    public static readonly int[] LifetimeChoicesInDays = [7, 30, 90, 365];

    public sealed record Issued(Guid Id, string Token, DateTimeOffset ExpiresAt);

    public async Task<Issued> IssueAsync(Guid userId, string name, TimeSpan lifetime, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new ArgumentException("A token needs a name of 1 to 100 characters.", nameof(name));
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(366))
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A token lives between one day and a year.");
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var entity = new PersonalAccessToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(token),
            Prefix = token[..10],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AccessTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new Issued(entity.Id, token, entity.ExpiresAt);
    }

    public async Task<List<PersonalAccessToken>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Revokes one of the user's own tokens; false when there is no such token of theirs.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return false;
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

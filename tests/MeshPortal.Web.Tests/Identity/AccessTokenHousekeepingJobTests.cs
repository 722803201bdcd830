using MeshPortal.Domain.Identity;
using MeshPortal.Web.Data;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Web.Tests.Identity;

/// <summary>
/// The job against the app's real SQLite database and a clock the test moves. Only this test's tokens are dated
/// weeks back; every other token in the shared app was made minutes ago, so the job leaves them alone.
/// </summary>
[Collection(PortalCollection.Name)]
public class AccessTokenHousekeepingJobTests(PortalFactory portal)
{
    [Fact]
    public async Task Run_DeletesTokensExpiredOrRevokedOver30DaysAgo_AndKeepsTheRest()
    {
        var now = TimeProvider.System.GetUtcNow();
        var clock = new FakeTimeProvider(now);
        var user = await UserIdAsync("consumer");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tokens = new Dictionary<string, PersonalAccessToken>
        {
            ["expired-31-days"] = Token(user, tag, expiresAt: now.AddDays(-31)),
            ["expired-29-days"] = Token(user, tag, expiresAt: now.AddDays(-29)),
            ["revoked-31-days"] = Token(user, tag, expiresAt: now.AddDays(300), revokedAt: now.AddDays(-31)),
            ["revoked-2-days"] = Token(user, tag, expiresAt: now.AddDays(300), revokedAt: now.AddDays(-2)),
            ["valid"] = Token(user, tag, expiresAt: now.AddDays(10)),
        };
        await using (var db = portal.CreateDbContext())
        {
            db.AccessTokens.AddRange(tokens.Values);
            await db.SaveChangesAsync();
        }
        var job = new AccessTokenHousekeepingJob(portal.Services.GetRequiredService<IDbContextFactory<MeshDbContext>>(), clock, NullLogger<AccessTokenHousekeepingJob>.Instance);

        var removed = await job.RunAsync(CancellationToken.None);

        Assert.Equal(["expired-29-days", "revoked-2-days", "valid"], await RemainingAsync(tag, tokens));
        Assert.Equal(2, removed);

        // Idempotent: a second run removes nothing more; two days later the token expired 29 days before has aged out.
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(["expired-29-days", "revoked-2-days", "valid"], await RemainingAsync(tag, tokens));
        clock.Advance(TimeSpan.FromDays(1.5));
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(["revoked-2-days", "valid"], await RemainingAsync(tag, tokens));
    }

    private async Task<string[]> RemainingAsync(string tag, Dictionary<string, PersonalAccessToken> tokens)
    {
        await using var db = portal.CreateDbContext();
        var ids = await db.AccessTokens.Where(t => t.Name.EndsWith(tag)).Select(t => t.Id).ToListAsync();
        return tokens.Where(t => ids.Contains(t.Value.Id)).Select(t => t.Key).Order().ToArray();
    }

    private async Task<Guid> UserIdAsync(string username)
    {
        await using var db = portal.CreateDbContext();
        return await db.Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync();
    }

    private static PersonalAccessToken Token(Guid user, string tag, DateTimeOffset expiresAt, DateTimeOffset? revokedAt = null)
    {
        var hash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        return new PersonalAccessToken
        {
            UserId = user, Name = "housekeeping " + tag, TokenHash = hash, Prefix = "mp_test", CreatedAt = expiresAt.AddDays(-400), ExpiresAt = expiresAt, RevokedAt = revokedAt,
        };
    }
}

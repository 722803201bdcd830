using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Features.Account;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Identity;

[Collection(PortalCollection.Name)]
public class AccessTokenAuthenticationTests(PortalFactory portal)
{
    [Fact]
    public async Task ExpiredToken_Returns401()
    {
        var token = await portal.IssueTokenAsync("sales-owner", t => t.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1));
        await (await portal.ClientWithToken(token).GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedToken_Returns401()
    {
        var token = await portal.IssueTokenAsync("sales-owner");
        Assert.Equal(HttpStatusCode.OK, (await portal.ClientWithToken(token).GetAsync("/api/v1/me")).StatusCode);

        await using (var db = portal.CreateDbContext())
        {
            var stored = await db.AccessTokens.SingleAsync(t => t.TokenHash == MeshPortal.Web.Identity.AccessTokens.Hash(token));
            var user = await db.Users.SingleAsync(u => u.Id == stored.UserId);
            Assert.True(await portal.Services.GetRequiredService<MeshPortal.Web.Identity.AccessTokens>().RevokeAsync(user.Id, stored.Id));
        }

        await (await portal.ClientWithToken(token).GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenOfAnotherUser_SeesTheirOwnMe()
    {
        await using (var db = portal.CreateDbContext())
        {
            db.Users.Add(new User { Subject = "local:newcomer-" + Guid.NewGuid().ToString("N"), Username = "newcomer-" + Guid.NewGuid().ToString("N")[..8], DisplayName = "Nina Newcomer" });
            await db.SaveChangesAsync();
        }
        string username;
        await using (var db = portal.CreateDbContext())
            username = await db.Users.Where(u => u.DisplayName == "Nina Newcomer").Select(u => u.Username).FirstAsync();
        var token = await portal.IssueTokenAsync(username);

        var me = await (await portal.ClientWithToken(token).GetAsync("/api/v1/me")).ReadAsync<MeApi.MeDto>();

        Assert.Equal((username, "Nina Newcomer"), (me.Username, me.DisplayName));
        Assert.Empty(me.GlobalRoles);
        Assert.Empty(me.DomainRoles);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("engineer")]
    public async Task EachDemoToken_IsItsPersonas(string persona)
    {
        var me = await (await portal.ClientFor(persona).GetAsync("/api/v1/me")).ReadAsync<MeApi.MeDto>();
        Assert.Equal(persona, me.Username);
    }

    [Theory]
    [InlineData("Bearer mp_not-a-real-token")]
    [InlineData("Bearer something-else")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer ")]
    public async Task UnusableAuthorizationHeader_Returns401(string header)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        await (await client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OverlongToken_Returns401()
    {
        var client = portal.ClientWithToken("mp_" + new string('a', 5000));
        await (await client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenInLowercaseBearerScheme_IsAccepted()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", portal.TokenOf("consumer"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task UsingAToken_RecordsWhenItWasLastUsed()
    {
        var token = await portal.IssueTokenAsync("consumer");

        await portal.ClientWithToken(token).GetAsync("/api/v1/me");

        await using var db = portal.CreateDbContext();
        var stored = await db.AccessTokens.SingleAsync(t => t.TokenHash == MeshPortal.Web.Identity.AccessTokens.Hash(token));
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task StoredToken_IsOnlyItsHash()
    {
        var token = await portal.IssueTokenAsync("consumer");

        await using var db = portal.CreateDbContext();
        Assert.False(await db.AccessTokens.AnyAsync(t => t.TokenHash == token));
        var stored = await db.AccessTokens.SingleAsync(t => t.TokenHash == MeshPortal.Web.Identity.AccessTokens.Hash(token));
        Assert.Equal(token[..10], stored.Prefix);
    }
}

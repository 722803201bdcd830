using System.Security.Claims;
using System.Text.Encodings.Web;
using MeshPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeshPortal.Web.Identity;

/// <summary>Authenticates `Authorization: Bearer mp_…` against the stored hashes.</summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<MeshDbContext> factory,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Writing LastUsedAt on every call would turn every read into a write; once a minute is enough to tell.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(AccessTokens.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
            return AuthenticateResult.Fail("Not a MeshPortal access token.");

        var hash = AccessTokens.Hash(token);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(Context.RequestAborted);
        var pat = await db.AccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (pat?.User is null || !pat.IsUsableAt(now))
            return AuthenticateResult.Fail("The access token is unknown, expired or revoked.");

        if (pat.LastUsedAt is null || now - pat.LastUsedAt > LastUsedResolution)
        {
            pat.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(MeshClaims.Subject, pat.User.Subject),
            new Claim(MeshClaims.Username, pat.User.Username),
            new Claim(ClaimTypes.Name, pat.User.DisplayName),
            new Claim(MeshClaims.TokenId, pat.Id.ToString()),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: 401,
            title: "Unauthorized",
            detail: "Send a personal access token as 'Authorization: Bearer <token>'. Create one under Account › Access tokens.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden").ExecuteAsync(Context);
    }
}

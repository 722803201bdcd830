using System.Security.Claims;
using MeshPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Identity;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<IdentityMode>();
        if (mode.Local)
        {
            app.MapPost("/account/local-signin", LocalSignIn).AllowAnonymous().ExcludeFromDescription();
        }
        else
        {
            // The persona page and its form do not exist when Entra ID is configured.
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/account/signin") || context.Request.Path.StartsWithSegments("/account/local-signin"))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await next();
            });
        }
        app.MapPost("/account/signout", SignOut).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LocalSignIn(HttpContext context, [FromForm] string username, [FromForm] string? returnUrl, IDbContextFactory<MeshDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync(context.RequestAborted);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username && u.Subject.StartsWith("local:"), context.RequestAborted);
        if (user is null) return Results.Redirect("/account/signin?error=unknown");
        var identity = new ClaimsIdentity(
        [
            new Claim(MeshClaims.Subject, user.Subject),
            new Claim(MeshClaims.Username, user.Username),
            new Claim(ClaimTypes.Name, user.DisplayName),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> SignOut(HttpContext context, IdentityMode mode)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (mode.EntraId)
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
        return Results.LocalRedirect("/account/signin");
    }

    private static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}

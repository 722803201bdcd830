using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;

namespace MeshPortal.Web.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Local mode: cookie sign-in as a demo persona. Entra ID mode (an `AzureAd:ClientId` is set): OIDC for
    /// the UI and JWT bearer for the API. Both modes accept personal access tokens on the API.
    /// </summary>
    public static WebApplicationBuilder AddIdentityAndAccess(this WebApplicationBuilder builder)
    {
        var mode = IdentityMode.From(builder.Configuration);
        builder.Services.AddSingleton(mode);
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddScoped<CurrentCaller>();
        builder.Services.AddCascadingAuthenticationState();

        AuthenticationBuilder auth;
        if (mode.EntraId)
        {
            var azureAd = builder.Configuration.GetSection("AzureAd");
            auth = builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme);
            auth.AddMicrosoftIdentityWebApp(azureAd);
            auth.AddMicrosoftIdentityWebApi(azureAd, MeshAuth.EntraBearerScheme);
        }
        else
        {
            auth = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(o =>
                {
                    o.LoginPath = "/account/signin";
                    o.AccessDeniedPath = "/account/denied";
                    o.Cookie.Name = "meshportal";
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Lax;
                    o.ExpireTimeSpan = TimeSpan.FromHours(12);
                    o.SlidingExpiration = true;
                });
        }
        auth.AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(MeshAuth.AccessTokenScheme, null);
        auth.AddPolicyScheme(MeshAuth.ApiScheme, "Access token or Entra ID bearer", o =>
            o.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                var isAccessToken = header.StartsWith("Bearer " + AccessTokens.TokenPrefix, StringComparison.OrdinalIgnoreCase);
                return mode.EntraId && !isAccessToken ? MeshAuth.EntraBearerScheme : MeshAuth.AccessTokenScheme;
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MeshAuth.ApiPolicy, p => p.AddAuthenticationSchemes(MeshAuth.ApiScheme).RequireAuthenticatedUser());
        builder.Services.AddHostedService<AccessTokenHousekeepingRegistration>();
        return builder;
    }
}

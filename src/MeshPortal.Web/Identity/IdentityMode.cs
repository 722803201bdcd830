namespace MeshPortal.Web.Identity;

/// <summary>
/// Local mode (demo personas) is on exactly when Entra ID is not configured, so a production deployment
/// can never be entered through the persona page.
/// </summary>
public sealed record IdentityMode(bool EntraId)
{
    public bool Local => !EntraId;

    public static IdentityMode From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]));
}

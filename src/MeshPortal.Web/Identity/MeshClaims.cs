namespace MeshPortal.Web.Identity;

public static class MeshClaims
{
    /// <summary>The portal's own subject claim: "local:&lt;username&gt;" or "entra:&lt;object id&gt;".</summary>
    public const string Subject = "meshportal:sub";
    public const string Username = "meshportal:username";
    public const string TokenId = "meshportal:token";
}

public static class MeshAuth
{
    /// <summary>The scheme API endpoints use: personal access tokens, and Entra ID bearer tokens in production.</summary>
    public const string ApiScheme = "Api";
    public const string AccessTokenScheme = "AccessToken";
    public const string EntraBearerScheme = "EntraBearer";
    public const string ApiPolicy = "Api";
}

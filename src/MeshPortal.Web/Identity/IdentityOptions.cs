namespace MeshPortal.Web.Identity;

/// <summary>`MeshPortal:Identity`.</summary>
public sealed class IdentityOptions
{
    public const string Section = "MeshPortal:Identity";

    /// <summary>
    /// Entra ID mode: e-mail addresses or object ids that become platform admins when they first sign in.
    /// Someone must be able to create the first domains; after that, admins grant roles in the portal.
    /// </summary>
    public List<string> BootstrapAdmins { get; set; } = [];
}

namespace MeshPortal.Domain.Identity;

/// <summary>Roles across the whole mesh. Everyone signed in without one is a consumer.</summary>
public enum GlobalRole
{
    PlatformAdmin,
    ChiefDataOfficer,
    DataArchitect,
}

using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Identity;

/// <summary>
/// Who is asking, with every role that decides what they may change. Built fresh for each request or
/// operation from the membership tables, so a role granted or taken away counts at once.
/// </summary>
public sealed record Caller(
    Guid UserId,
    string Username,
    string DisplayName,
    IReadOnlySet<GlobalRole> GlobalRoles,
    IReadOnlyDictionary<Guid, DomainRole> DomainRoles)
{
    public bool IsPlatformAdmin => GlobalRoles.Contains(GlobalRole.PlatformAdmin);

    /// <summary>Platform admins and the chief data officer create domains and manage their members.</summary>
    public bool CanAdministerDomains => IsPlatformAdmin || GlobalRoles.Contains(GlobalRole.ChiefDataOfficer);

    /// <summary>Registering and editing quanta: any member of the owning domain.</summary>
    public bool CanEditIn(Guid domainId) => IsPlatformAdmin || DomainRoles.ContainsKey(domainId);

    /// <summary>Lifecycle decisions (activate, deprecate, retire) and membership: the domain's data product owners.</summary>
    public bool OwnsDomain(Guid domainId) =>
        IsPlatformAdmin || (DomainRoles.TryGetValue(domainId, out var role) && role == DomainRole.DataProductOwner);

    public bool CanManageMembersOf(Guid domainId) => CanAdministerDomains || OwnsDomain(domainId);

    public bool IsConsumerOnly => GlobalRoles.Count == 0 && DomainRoles.Count == 0;
}

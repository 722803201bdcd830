using MeshPortal.Domain.Identity;
using MeshPortal.Web.Features.Domains;

namespace MeshPortal.Web.Components.Contracts;

/// <summary>The domains a caller may add contracts to (members, and platform admins everywhere).</summary>
public static class AuthoringDomains
{
    public static async Task<List<DomainDto>> ForAsync(DomainService domains, Caller? caller, CancellationToken ct = default)
    {
        var result = new List<DomainDto>();
        if (caller is null) return result;
        foreach (var domain in await domains.ListAsync(ct))
        {
            if (await domains.IdOfAsync(domain.Slug, ct) is { } id && caller.CanEditIn(id)) result.Add(domain);
        }
        return result;
    }
}

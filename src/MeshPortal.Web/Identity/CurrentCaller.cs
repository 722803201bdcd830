using MeshPortal.Domain.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace MeshPortal.Web.Identity;

/// <summary>
/// The signed-in user of a Blazor circuit as a <see cref="Caller"/>. Resolved again on every call rather than
/// cached for the circuit's life, so a role change counts at the next action.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication, CallerResolver resolver)
{
    public async Task<Caller?> GetAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User, ct);
    }
}

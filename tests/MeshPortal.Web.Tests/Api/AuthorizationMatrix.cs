using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

/// <summary>
/// Builds theory rows: every persona with the status the API must answer, plus every unauthenticated caller
/// (no token, unknown, revoked, expired) with 401. Personas not named as allowed get 403.
/// </summary>
public static class AuthorizationMatrix
{
    public static TheoryData<string, int> Rows(int success, params string[] allowed)
    {
        var rows = new TheoryData<string, int>();
        foreach (var persona in PortalFactory.Personas) rows.Add(persona, allowed.Contains(persona) ? success : 403);
        foreach (var caller in PortalFactory.Unauthenticated) rows.Add(caller, 401);
        return rows;
    }
}

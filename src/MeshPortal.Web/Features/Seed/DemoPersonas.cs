using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;

namespace MeshPortal.Web.Features.Seed;

/// <summary>One persona per role, so a visitor can see the portal as each user of a data mesh does.</summary>
public static class DemoPersonas
{
    public sealed record Persona(string Username, string DisplayName, GlobalRole[] GlobalRoles, (string Domain, DomainRole Role)[] DomainRoles, bool CanSignIn = true);

    public static readonly Persona[] All =
    [
        new("admin", "Ada Admin", [GlobalRole.PlatformAdmin], []),
        new("cdo", "Chloé Durand (CDO)", [GlobalRole.ChiefDataOfficer], []),
        new("architect", "Arun Mehta (architect)", [GlobalRole.DataArchitect], []),
        new("sales-owner", "Sam Okafor", [], [("sales", DomainRole.DataProductOwner)]),
        new("logistics-owner", "Lea Nguyen", [], [("logistics", DomainRole.DataProductOwner)]),
        new("engineer", "Eve Marsh", [], [("sales", DomainRole.DomainEngineer)]),
        new("consumer", "Carl Jensen (analyst)", [], []),
        // Owners of the other domains: part of the mesh, not offered on the sign-in page.
        new("finance-owner", "Priya Raman", [], [("finance", DomainRole.DataProductOwner)], CanSignIn: false),
        new("marketing-owner", "Tomás Silva", [], [("marketing", DomainRole.DataProductOwner)], CanSignIn: false),
    ];

    public static string SubjectOf(Persona persona) => (persona.CanSignIn ? "local:" : "seed:") + persona.Username;
}

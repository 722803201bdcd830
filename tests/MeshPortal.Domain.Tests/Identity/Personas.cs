using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Tests.Identity;

/// <summary>Callers shaped like the demo personas, for two domains: sales (owned) and logistics (someone else's).</summary>
public static class Personas
{
    public static readonly Guid Sales = Guid.NewGuid();
    public static readonly Guid Logistics = Guid.NewGuid();

    public static Caller Of(string persona) => persona switch
    {
        "admin" => Make(persona, [GlobalRole.PlatformAdmin]),
        "cdo" => Make(persona, [GlobalRole.ChiefDataOfficer]),
        "architect" => Make(persona, [GlobalRole.DataArchitect]),
        "sales-owner" => Make(persona, [], (Sales, DomainRole.DataProductOwner)),
        "logistics-owner" => Make(persona, [], (Logistics, DomainRole.DataProductOwner)),
        "engineer" => Make(persona, [], (Sales, DomainRole.DomainEngineer)),
        "consumer" => Make(persona, []),
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    private static Caller Make(string username, GlobalRole[] global, params (Guid Domain, DomainRole Role)[] domains) =>
        new(Guid.NewGuid(), username, username, global.ToHashSet(), domains.ToDictionary(d => d.Domain, d => d.Role));
}

using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Tests.Mesh;

public class DomainRoleTests
{
    [Fact]
    public void DomainRoles_AreOwnerAndEngineer() =>
        Assert.Equal([DomainRole.DataProductOwner, DomainRole.DomainEngineer], Enum.GetValues<DomainRole>());
}

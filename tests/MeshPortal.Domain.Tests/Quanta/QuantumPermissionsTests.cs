using MeshPortal.Domain.Quanta;
using MeshPortal.Domain.Tests.Identity;

namespace MeshPortal.Domain.Tests.Quanta;

public class QuantumPermissionsTests
{
    private static readonly Quantum SalesQuantum = new() { Slug = "orders", Name = "Orders", DomainId = Personas.Sales };

    [Theory]
    [InlineData("admin", true, true)]
    [InlineData("cdo", false, false)]
    [InlineData("architect", false, false)]
    [InlineData("sales-owner", true, true)]
    [InlineData("logistics-owner", false, false)]
    [InlineData("engineer", true, false)]
    [InlineData("consumer", false, false)]
    public void EditAndStatus_FollowTheRoleInTheOwningDomain(string persona, bool canEdit, bool canChangeStatus)
    {
        var caller = Personas.Of(persona);
        Assert.Equal(canEdit, caller.CanEdit(SalesQuantum));
        Assert.Equal(canChangeStatus, caller.CanChangeStatus(SalesQuantum));
    }
}

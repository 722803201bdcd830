using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Tests.Identity;

public class CallerTests
{
    [Theory]
    [InlineData("admin", true, true)]
    [InlineData("cdo", false, false)]
    [InlineData("architect", false, false)]
    [InlineData("sales-owner", true, false)]
    [InlineData("logistics-owner", false, true)]
    [InlineData("engineer", true, false)]
    [InlineData("consumer", false, false)]
    public void CanEditIn_IsForMembersAndPlatformAdmins(string persona, bool sales, bool logistics)
    {
        var caller = Personas.Of(persona);
        Assert.Equal(sales, caller.CanEditIn(Personas.Sales));
        Assert.Equal(logistics, caller.CanEditIn(Personas.Logistics));
        Assert.Equal(persona == "admin", caller.CanEditIn(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("admin", true, true)]
    [InlineData("cdo", false, false)]
    [InlineData("architect", false, false)]
    [InlineData("sales-owner", true, false)]
    [InlineData("logistics-owner", false, true)]
    [InlineData("engineer", false, false)]
    [InlineData("consumer", false, false)]
    public void OwnsDomain_IsForDataProductOwnersAndPlatformAdmins(string persona, bool sales, bool logistics)
    {
        var caller = Personas.Of(persona);
        Assert.Equal(sales, caller.OwnsDomain(Personas.Sales));
        Assert.Equal(logistics, caller.OwnsDomain(Personas.Logistics));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("cdo", true)]
    [InlineData("architect", false)]
    [InlineData("sales-owner", false)]
    [InlineData("logistics-owner", false)]
    [InlineData("engineer", false)]
    [InlineData("consumer", false)]
    public void CanAdministerDomains_IsForPlatformAdminsAndTheCdo(string persona, bool expected) =>
        Assert.Equal(expected, Personas.Of(persona).CanAdministerDomains);

    [Theory]
    [InlineData("admin", true, true)]
    [InlineData("cdo", true, true)]
    [InlineData("architect", false, false)]
    [InlineData("sales-owner", true, false)]
    [InlineData("logistics-owner", false, true)]
    [InlineData("engineer", false, false)]
    [InlineData("consumer", false, false)]
    public void CanManageMembersOf_IsForAdministratorsAndTheDomainsOwners(string persona, bool sales, bool logistics)
    {
        var caller = Personas.Of(persona);
        Assert.Equal(sales, caller.CanManageMembersOf(Personas.Sales));
        Assert.Equal(logistics, caller.CanManageMembersOf(Personas.Logistics));
    }

    [Theory]
    [InlineData("consumer", true)]
    [InlineData("architect", false)]
    [InlineData("engineer", false)]
    [InlineData("admin", false)]
    public void IsConsumerOnly_WhenNoRoleAnywhere(string persona, bool expected) =>
        Assert.Equal(expected, Personas.Of(persona).IsConsumerOnly);

    [Fact]
    public void IsPlatformAdmin_OnlyFromTheGlobalRole()
    {
        var owner = new Caller(Guid.NewGuid(), "o", "o", new HashSet<GlobalRole> { GlobalRole.ChiefDataOfficer, GlobalRole.DataArchitect },
            new Dictionary<Guid, DomainRole> { [Personas.Sales] = DomainRole.DataProductOwner });
        Assert.False(owner.IsPlatformAdmin);
        Assert.False(owner.OwnsDomain(Personas.Logistics));
    }
}

using System.Net;
using MeshPortal.Web.Features.Account;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Account;

[Collection(PortalCollection.Name)]
public class MeApiTests(PortalFactory portal)
{
    [Theory]
    [InlineData("admin", "platform-admin")]
    [InlineData("cdo", "chief-data-officer")]
    [InlineData("architect", "data-architect")]
    public async Task Me_ForGlobalRolePersona_ListsTheirGlobalRole(string persona, string role)
    {
        var me = await (await portal.ClientFor(persona).GetAsync("/api/v1/me")).ReadAsync<MeApi.MeDto>();
        Assert.Equal(persona, me.Username);
        Assert.Equal([role], me.GlobalRoles);
        Assert.Empty(me.DomainRoles);
    }

    [Theory]
    [InlineData("sales-owner", "sales", "data-product-owner")]
    [InlineData("logistics-owner", "logistics", "data-product-owner")]
    [InlineData("engineer", "sales", "domain-engineer")]
    public async Task Me_ForDomainMember_ListsTheirDomainRole(string persona, string domain, string role)
    {
        var me = await (await portal.ClientFor(persona).GetAsync("/api/v1/me")).ReadAsync<MeApi.MeDto>();
        Assert.Equal(persona, me.Username);
        Assert.Empty(me.GlobalRoles);
        Assert.Equal([new MeApi.DomainRoleDto(domain, role)], me.DomainRoles);
    }

    [Fact]
    public async Task Me_ForConsumer_HasNoRoles()
    {
        var me = await (await portal.ClientFor("consumer").GetAsync("/api/v1/me")).ReadAsync<MeApi.MeDto>();
        Assert.Equal("Carl Jensen (analyst)", me.DisplayName);
        Assert.Equal("consumer@meshportal.example", me.Email);
        Assert.Empty(me.GlobalRoles);
        Assert.Empty(me.DomainRoles);
    }

    [Fact]
    public async Task Me_WithoutToken_Is401WithBearerChallenge()
    {
        var response = await portal.ClientFor("none").GetAsync("/api/v1/me");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}

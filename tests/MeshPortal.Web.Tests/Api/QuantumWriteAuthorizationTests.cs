using System.Net.Http.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

/// <summary>
/// Quanta in sales are registered and edited by its members (sales-owner, engineer) and platform admins;
/// their status is changed only by sales' data product owner and platform admins.
/// </summary>
[Collection(PortalCollection.Name)]
public class QuantumWriteAuthorizationTests(PortalFactory portal)
{
    public static TheoryData<string, int> Register => AuthorizationMatrix.Rows(201, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> RegisterActive => AuthorizationMatrix.Rows(201, "admin", "sales-owner");
    public static TheoryData<string, int> Edit => AuthorizationMatrix.Rows(200, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> ChangeStatus => AuthorizationMatrix.Rows(200, "admin", "sales-owner");

    [Theory]
    [MemberData(nameof(Register))]
    public async Task PostQuantum_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var slug = PortalApi.Unique("authz");

        var response = await portal.ClientFor(caller).PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", slug, owner: "sales-owner"));

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        Assert.Equal(expected == 201 ? 1 : 0, await CountInSales(slug));
    }

    /// <summary>Registering straight into active is an activation: the owner's decision, as for a status change.</summary>
    [Theory]
    [MemberData(nameof(RegisterActive))]
    public async Task PostActiveQuantum_ByCaller_IsAllowedOnlyForOwnersAndAdmins(string caller, int expected)
    {
        var slug = PortalApi.Unique("authz");

        var response = await portal.ClientFor(caller).PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", slug, owner: "sales-owner", status: "active"));

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        Assert.Equal(expected == 201 ? 1 : 0, await CountInSales(slug));
    }

    [Theory]
    [MemberData(nameof(Edit))]
    public async Task PutQuantum_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var before = await portal.ClientFor("admin").RegisterAsync("sales", owner: "sales-owner");

        var response = await portal.ClientFor(caller).PutQuantumAsync(before, name: "Renamed by " + caller);

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var after = await portal.ClientFor("admin").GetQuantumAsync(before.Id);
        if (expected == 200)
        {
            Assert.Equal("Renamed by " + caller, after.Name);
            Assert.Equal(before.Version + 1, after.Version);
        }
        else AssertUnchanged(before, after);
    }

    [Theory]
    [MemberData(nameof(ChangeStatus))]
    public async Task PutQuantumStatus_ByCaller_IsAllowedOnlyForOwnersAndAdmins(string caller, int expected)
    {
        var before = await portal.ClientFor("admin").RegisterAsync("sales", owner: "sales-owner");

        var response = await portal.ClientFor(caller).PutQuantumAsync(before, status: "active");

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var after = await portal.ClientFor("admin").GetQuantumAsync(before.Id);
        if (expected == 200) Assert.Equal("active", after.Status);
        else AssertUnchanged(before, after);
    }

    private static void AssertUnchanged(QuantumDto before, QuantumDto after)
    {
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    private async Task<int> CountInSales(string slug) =>
        (await (await portal.ClientFor("admin").GetAsync($"/api/v1/quanta?domain=sales&q={slug}")).ReadAsync<Page<QuantumDto>>()).Total;
}

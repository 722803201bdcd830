using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

/// <summary>Domains are created by platform admins and the CDO; members are managed by them and the domain's own data product owners.</summary>
[Collection(PortalCollection.Name)]
public class DomainWriteAuthorizationTests(PortalFactory portal)
{
    // The member written is finance-owner in sales: not one of the personas, so no other test's permissions move.
    private const string Target = "finance-owner";

    public static TheoryData<string, int> CreateDomain => AuthorizationMatrix.Rows(201, "admin", "cdo");
    public static TheoryData<string, int> ManageSalesMembers => AuthorizationMatrix.Rows(200, "admin", "cdo", "sales-owner");

    [Theory]
    [MemberData(nameof(CreateDomain))]
    public async Task PostDomain_ByCaller_IsAllowedOnlyForAdministrators(string caller, int expected)
    {
        var slug = PortalApi.Unique("authz");

        var response = await portal.ClientFor(caller).PostAsJsonAsync("/api/v1/domains", new { slug, name = "Authz " + slug });

        await AssertStatus(response, expected);
        var reread = await portal.ClientFor("admin").GetAsync($"/api/v1/domains/{slug}");
        Assert.Equal(expected == 201 ? HttpStatusCode.OK : HttpStatusCode.NotFound, reread.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ManageSalesMembers))]
    public async Task PutMember_ByCaller_IsAllowedForAdministratorsAndTheDomainOwner(string caller, int expected)
    {
        var admin = portal.ClientFor("admin");
        await admin.DeleteAsync($"/api/v1/domains/sales/members/{Target}"); // 200 or 404: either way not a member now
        Assert.Null(await RoleInSales(Target));

        var response = await portal.ClientFor(caller).PutAsJsonAsync($"/api/v1/domains/sales/members/{Target}", new { role = "domain-engineer" });

        await AssertStatus(response, expected);
        Assert.Equal(expected == 200 ? "domain-engineer" : null, await RoleInSales(Target));
    }

    [Theory]
    [MemberData(nameof(ManageSalesMembers))]
    public async Task DeleteMember_ByCaller_IsAllowedForAdministratorsAndTheDomainOwner(string caller, int expected)
    {
        await portal.ClientFor("admin").SetMemberAsync("sales", Target, "domain-engineer");

        var response = await portal.ClientFor(caller).DeleteAsync($"/api/v1/domains/sales/members/{Target}");

        await AssertStatus(response, expected);
        Assert.Equal(expected == 200 ? null : "domain-engineer", await RoleInSales(Target));
    }

    private async Task<string?> RoleInSales(string username)
    {
        var sales = await (await portal.ClientFor("admin").GetAsync("/api/v1/domains/sales")).ReadAsync<DomainDto>();
        return sales.Members.SingleOrDefault(m => m.Username == username)?.Role;
    }

    internal static async Task AssertStatus(HttpResponseMessage response, int expected)
    {
        if (expected is 401 or 403) await response.ProblemAsync((HttpStatusCode)expected);
        else Assert.True(expected == (int)response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

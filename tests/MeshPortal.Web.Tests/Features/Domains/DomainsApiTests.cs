using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Domains;

[Collection(PortalCollection.Name)]
public class DomainsApiTests(PortalFactory portal)
{
    private readonly HttpClient _admin = portal.ClientFor("admin");

    [Fact]
    public async Task List_IncludesTheFourSeededDomainsWithTheirOwners()
    {
        var domains = await (await portal.ClientFor("consumer").GetAsync("/api/v1/domains")).ReadAsync<List<DomainDto>>();

        var seeded = domains.Where(d => d.CreatedBy == "seed").ToList();
        Assert.Equal(["finance", "logistics", "marketing", "sales"], seeded.Select(d => d.Slug).Order());
        Assert.All(seeded, d => Assert.Contains(d.Members, m => m.Role == "data-product-owner"));
        // The seeded quanta per domain; tests sharing the app may add more, never remove any.
        Assert.True(Count("sales") >= 4 && Count("logistics") >= 3 && Count("finance") >= 3 && Count("marketing") >= 3);
        int Count(string slug) => domains.Single(d => d.Slug == slug).QuantaCount;
    }

    [Fact]
    public async Task Get_SeededDomain_HasMarkdownDescriptionAndMembers()
    {
        var sales = await (await _admin.GetAsync("/api/v1/domains/sales")).ReadAsync<DomainDto>();

        Assert.Equal("Sales", sales.Name);
        Assert.Contains("**orders**", sales.Description);
        Assert.Contains(sales.Members, m => (m.Username, m.Role) == ("sales-owner", "data-product-owner"));
        Assert.Contains(sales.Members, m => (m.Username, m.Role) == ("engineer", "domain-engineer"));
    }

    [Fact]
    public async Task Get_UnknownDomain_Returns404Problem() =>
        await (await _admin.GetAsync("/api/v1/domains/no-such-domain")).ProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task Post_ValidDomain_Returns201WithLocationAndAudit()
    {
        var slug = PortalApi.Unique("made");

        var response = await portal.ClientFor("cdo").PostAsJsonAsync("/api/v1/domains", new { slug, name = "  Made by the CDO  ", description = "# Hello" });

        var created = await response.ReadAsync<DomainDto>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/domains/{slug}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Made by the CDO", "cdo", 0), (created.Name, created.CreatedBy, created.QuantaCount));
    }

    [Fact]
    public async Task Post_DuplicateSlug_Returns409NamingSlug()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/domains", new { slug = "sales", name = "Sales again" });

        Assert.Equal(["slug"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        Assert.Equal("Sales", (await (await _admin.GetAsync("/api/v1/domains/sales")).ReadAsync<DomainDto>()).Name);
    }

    [Theory]
    [InlineData("""{"name":"No slug"}""", new[] { "slug" })]
    [InlineData("""{"slug":"Not A Slug","name":"x"}""", new[] { "slug" })]
    [InlineData("""{"slug":"ok-domain-slug"}""", new[] { "name" })]
    [InlineData("""{"slug":"-","name":""}""", new[] { "name", "slug" })]
    [InlineData("""{"slug":"ok-domain-slug","name":"x","description":"{long}"}""", new[] { "description" })]
    public async Task Post_InvalidFields_Returns400NamingEachField(string body, string[] fields)
    {
        body = body.Replace("{long}", new string('x', 20_001));
        var response = await _admin.PostAsync("/api/v1/domains", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(fields, (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Order());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/v1/domains/ok-domain-slug")).StatusCode);
    }

    [Fact]
    public async Task PutMember_WithUnknownRole_Returns400NamingRole()
    {
        var domain = await _admin.CreateDomainAsync();

        var response = await _admin.PutAsJsonAsync($"/api/v1/domains/{domain.Slug}/members/consumer", new { role = "boss" });

        Assert.Equal(["role"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory]
    [InlineData("no-such-domain", "consumer")]
    [InlineData("sales", "no-such-user")]
    public async Task PutMember_UnknownDomainOrUser_Returns404(string domain, string username)
    {
        var response = await _admin.PutAsJsonAsync($"/api/v1/domains/{domain}/members/{username}", new { role = "domain-engineer" });
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutMember_ChangesTheRoleOfAnExistingMember()
    {
        var domain = await _admin.CreateDomainAsync();
        await _admin.SetMemberAsync(domain.Slug, "finance-owner", "domain-engineer");

        var updated = await (await _admin.PutAsJsonAsync($"/api/v1/domains/{domain.Slug}/members/finance-owner", new { role = "data-product-owner" })).ReadAsync<DomainDto>();

        Assert.Equal("data-product-owner", Assert.Single(updated.Members).Role);
    }

    [Fact]
    public async Task DeleteMember_WhoOwnsQuanta_Returns409AndKeepsThem()
    {
        var domain = await _admin.CreateDomainAsync();
        await _admin.SetMemberAsync(domain.Slug, "finance-owner", "data-product-owner");
        await _admin.RegisterAsync(domain.Slug, owner: "finance-owner");

        var response = await _admin.DeleteAsync($"/api/v1/domains/{domain.Slug}/members/finance-owner");

        Assert.Equal(["username"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        var reread = await (await _admin.GetAsync($"/api/v1/domains/{domain.Slug}")).ReadAsync<DomainDto>();
        Assert.Single(reread.Members);
    }

    [Fact]
    public async Task DeleteMember_WhoIsNotAMember_Returns404()
    {
        var domain = await _admin.CreateDomainAsync();
        await (await _admin.DeleteAsync($"/api/v1/domains/{domain.Slug}/members/consumer")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NewMember_CanRegisterQuantaInTheDomainAtOnce()
    {
        var domain = await _admin.CreateDomainAsync();
        var newcomer = portal.ClientWithToken(await portal.IssueTokenAsync("marketing-owner"));
        var before = await newcomer.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody(domain.Slug, PortalApi.Unique("q")));
        await before.ProblemAsync(HttpStatusCode.Forbidden);

        await _admin.SetMemberAsync(domain.Slug, "marketing-owner", "domain-engineer");
        var after = await newcomer.RegisterAsync(domain.Slug);

        Assert.Equal(("marketing-owner", "marketing-owner"), (after.CreatedBy, after.Owner.Username));
    }
}

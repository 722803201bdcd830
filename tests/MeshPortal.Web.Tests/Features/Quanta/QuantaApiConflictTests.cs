using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiConflictTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Fact]
    public async Task Post_DuplicateSlugInTheSameDomain_Returns409NamingSlug()
    {
        var first = await _owner.RegisterAsync("sales");

        var response = await _owner.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", first.Slug, name: "Second"));

        Assert.Equal(["slug"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        Assert.Equal(first.Name, (await _owner.GetQuantumAsync(first.Id)).Name);
    }

    [Fact]
    public async Task Post_SeededSlugInTheSameDomain_Returns409()
    {
        var response = await _owner.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", "orders"));

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Post_SameSlugInAnotherDomain_IsAllowed()
    {
        var slug = PortalApi.Unique("shared");
        await _owner.RegisterAsync("sales", slug);

        var other = await portal.ClientFor("logistics-owner").RegisterAsync("logistics", slug);

        Assert.Equal(("logistics", slug), (other.Domain, other.Slug));
    }

    [Fact]
    public async Task Put_RenamingToATakenSlug_Returns409AndChangesNothing()
    {
        var taken = await _owner.RegisterAsync("sales");
        var renamed = await _owner.RegisterAsync("sales");

        var response = await _owner.PutQuantumAsync(renamed, slug: taken.Slug);

        await response.ProblemAsync(HttpStatusCode.Conflict);
        var stored = await _owner.GetQuantumAsync(renamed.Id);
        Assert.Equal(renamed.Slug, stored.Slug);
        Assert.Equal(renamed.Version, stored.Version);
    }

    [Fact]
    public async Task Get_UnknownQuantum_Returns404Problem() =>
        await (await _owner.GetAsync($"/api/v1/quanta/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task Put_UnknownQuantum_Returns404Problem()
    {
        var response = await _owner.PutAsJsonAsync($"/api/v1/quanta/{Guid.NewGuid()}", PortalApi.QuantumBody("sales", "ghost", version: 1));
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_IdThatIsNotAGuid_Returns404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync("/api/v1/quanta/orders")).StatusCode);
}

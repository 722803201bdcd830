using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiValidationTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"domain":"sales","slug":"ok-slug","tier":"silver"}""", "name" },
        { """{"domain":"sales","slug":"ok-slug","name":"   ","tier":"silver"}""", "name" },
        { """{"domain":"sales","slug":"Bad Slug","name":"N","tier":"silver"}""", "slug" },
        { """{"domain":"sales","name":"N","tier":"silver"}""", "slug" },
        { """{"domain":"sales","slug":"ok-slug","name":"N"}""", "tier" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"platinum"}""", "tier" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","status":"shiny"}""", "status" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","status":"retired"}""", "status" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","tags":["Has Space"]}""", "tags" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","ports":[{"direction":"output","name":"rows","kind":"banana"}]}""", "ports[0].kind" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","ports":[{"direction":"output","name":"rows","kind":"table"},{"direction":"sideways","name":"x","kind":"table"}]}""", "ports[1].direction" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","ports":[{"direction":"input","name":"raw","kind":"source"}]}""", "ports[0].source" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","ports":[{"direction":"management","name":"metrics","kind":"observability"}]}""", "ports[0].endpoint" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","ports":[{"direction":"input","name":"up","kind":"quantum","upstreamQuantumId":"5d3c2a8e-0000-4000-8000-000000000000","upstreamPort":"rows"}]}""", "ports[0].upstreamQuantumId" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","owner":"nobody-here"}""", "owner" },
        { """{"domain":"sales","slug":"ok-slug","name":"N","tier":"gold","owner":"logistics-owner"}""", "owner" },
        { """{"slug":"ok-slug","name":"N","tier":"gold"}""", "domain" },
        { """{"domain":"no-such-domain","slug":"ok-slug","name":"N","tier":"gold"}""", "domain" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Post_WithBadField_Returns400NamingTheFieldAndSavesNothing(string body, string field)
    {
        var before = await Count();

        var response = await _owner.PostAsync("/api/v1/quanta", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await Count());
    }

    [Fact]
    public async Task Post_WithUpstreamPortThatDoesNotExist_NamesUpstreamPortAndTheChoices()
    {
        var upstream = await _owner.RegisterAsync("sales");
        var port = new { direction = "input", name = "up", kind = "quantum", upstreamQuantumId = upstream.Id, upstreamPort = "nope" };

        var response = await _owner.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", PortalApi.Unique("q"), ports: [port]));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("ports[0].upstreamPort")[0].GetString();
        Assert.Contains("rows", message);
    }

    [Fact]
    public async Task Put_MovingToAnotherDomain_Returns400NamingDomain()
    {
        var created = await _owner.RegisterAsync("sales");

        var response = await _owner.PutAsJsonAsync($"/api/v1/quanta/{created.Id}", PortalApi.QuantumBody("logistics", created.Slug, owner: "sales-owner", version: 1));

        Assert.Contains("domain", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("sales", (await _owner.GetQuantumAsync(created.Id)).Domain);
    }

    [Fact]
    public async Task Put_ReadingItsOwnOutput_Returns400()
    {
        var created = await _owner.RegisterAsync("sales");
        var self = new { direction = "input", name = "loop", kind = "quantum", upstreamQuantumId = created.Id, upstreamPort = "rows" };

        var response = await _owner.PutQuantumAsync(created, ports: [self]);

        Assert.Contains("ports[0].upstreamQuantumId", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    private async Task<int> Count() =>
        (await (await _owner.GetAsync("/api/v1/quanta?pageSize=1")).ReadAsync<Page<QuantumDto>>()).Total;
}

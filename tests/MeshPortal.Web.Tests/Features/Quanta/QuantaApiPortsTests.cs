using System.Net;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiPortsTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private static object Output(string name, string kind = "table") => new { direction = "output", name, kind };

    [Fact]
    public async Task Put_AddingAPort_SavesItAndBumpsTheVersion()
    {
        var created = await _owner.RegisterAsync("sales", ports: [Output("rows")]);

        var response = await _owner.PutQuantumAsync(created, ports: [Output("rows"), Output("feed", "stream"), new { direction = "management", name = "metrics", kind = "observability", endpoint = "/metrics" }]);

        var updated = await response.ReadAsync<QuantumDto>();
        Assert.Equal(["feed", "rows", "metrics"], updated.Ports.Select(p => p.Name));
        Assert.Equal(2, updated.Version);
        Assert.Equal(3, (await _owner.GetQuantumAsync(created.Id)).Ports.Count);
    }

    [Fact]
    public async Task Put_RemovingAPort_DeletesItAndBumpsTheVersion()
    {
        var created = await _owner.RegisterAsync("sales", ports: [Output("rows"), Output("feed", "stream")]);

        var updated = await (await _owner.PutQuantumAsync(created, ports: [Output("feed", "stream")])).ReadAsync<QuantumDto>();

        Assert.Equal(["feed"], updated.Ports.Select(p => p.Name));
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task Put_ChangingOnlyAPortsKind_BumpsTheVersion()
    {
        var created = await _owner.RegisterAsync("sales", ports: [Output("rows")]);

        var updated = await (await _owner.PutQuantumAsync(created, ports: [Output("rows", "file")])).ReadAsync<QuantumDto>();

        Assert.Equal("file", Assert.Single(updated.Ports).Kind);
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task Put_KeepingAnUpstreamsPort_KeepsTheConsumerBound()
    {
        var upstream = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        var consumer = await _owner.RegisterAsync("sales", ports: [new { direction = "input", name = "from-up", kind = "quantum", upstreamQuantumId = upstream.Id, upstreamPort = "rows" }]);

        await (await _owner.PutQuantumAsync(upstream, name: "Upstream renamed")).ReadAsync<QuantumDto>();

        var consumers = await (await _owner.GetAsync($"/api/v1/quanta/{upstream.Id}/consumers")).ReadAsync<List<ConsumerDto>>();
        var bound = Assert.Single(consumers);
        Assert.Equal((consumer.Id, "from-up", "rows"), (bound.Id, bound.InputPort, bound.OutputPort));
        Assert.Equal($"sales/{upstream.Slug}", (await _owner.GetQuantumAsync(consumer.Id)).Ports.Single().UpstreamQuantum);
    }

    [Fact]
    public async Task Post_TwoPortsWithTheSameNameAndDirection_Returns400()
    {
        var response = await _owner.PostAsync("/api/v1/quanta", System.Net.Http.Json.JsonContent.Create(
            PortalApi.QuantumBody("sales", PortalApi.Unique("q"), ports: [Output("rows"), Output("rows", "file")])));

        Assert.Contains("ports[1].name", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }
}

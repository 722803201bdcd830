using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Output ports serve a contract version, input ports rely on one; the version lists both.</summary>
[Collection(PortalCollection.Name)]
public class ContractsApiBindingTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private static object Output(string name) => new { direction = "output", name, kind = "table" };

    private static object Reads(QuantumDto upstream, string name) => new { direction = "input", name, kind = "quantum", upstreamQuantumId = upstream.Id, upstreamPort = "rows" };

    private static Task<HttpResponseMessage> BindAsync(HttpClient client, Guid quantum, string port, string contractId, string version, string? direction = null) =>
        client.PutAsJsonAsync($"/api/v1/quanta/{quantum}/ports/{port}/contract{(direction is null ? "" : "?direction=" + direction)}", new { contractId, version });

    [Fact]
    public async Task Bind_OutputAndInputPorts_AreListedAsServedByAndConsumers()
    {
        var id = PortalApi.Unique("served");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        var producer = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        var consumer = await portal.ClientFor("logistics-owner").RegisterAsync("logistics", ports: [Reads(producer, "orders-in"), Output("rows")]);

        var served = await (await BindAsync(_owner, producer.Id, "rows", id, "1.0.0")).ReadAsync<BoundPortDto>();
        var consumed = await (await BindAsync(portal.ClientFor("logistics-owner"), consumer.Id, "orders-in", id, "1.0.0", "input")).ReadAsync<BoundPortDto>();

        Assert.Equal((producer.Id, "output", "rows", "1.0.0"), (served.QuantumId, served.Direction, served.Port, served.ContractVersion));
        Assert.Equal((consumer.Id, "input", "orders-in", "1.0.0"), (consumed.QuantumId, consumed.Direction, consumed.Port, consumed.ContractVersion));
        var version = await portal.ClientFor("consumer").GetVersionAsync(id, "1.0.0");
        Assert.Equal([(producer.Id, "sales", "rows")], version.ServedBy.Select(p => (p.QuantumId, p.Domain, p.Port)));
        Assert.Equal([(consumer.Id, "logistics", "orders-in")], version.Consumers.Select(p => (p.QuantumId, p.Domain, p.Port)));
        Assert.Equal(2, (await _owner.GetContractAsync(id)).Ports.Count);
    }

    [Fact]
    public async Task Bind_OutputPortToAnotherDomainsContract_Returns400()
    {
        var id = PortalApi.Unique("foreign");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        var quantum = await portal.ClientFor("logistics-owner").RegisterAsync("logistics", ports: [Output("rows")]);

        var problem = await (await BindAsync(portal.ClientFor("logistics-owner"), quantum.Id, "rows", id, "1.0.0")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["contractId"], problem.ErrorFields());
        Assert.Empty((await _owner.GetVersionAsync(id, "1.0.0")).ServedBy);
    }

    [Fact]
    public async Task Bind_ToAnUnknownVersion_Returns400_AndAnUnknownPort_Returns404()
    {
        var id = PortalApi.Unique("missing");
        await _owner.ImportAsync(Contract(id, "1.0.0"));
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);

        var version = await (await BindAsync(_owner, quantum.Id, "rows", id, "2.0.0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await BindAsync(_owner, quantum.Id, "rows", id, "1.0.0", "input")).ProblemAsync(HttpStatusCode.NotFound);
        var direction = await (await BindAsync(_owner, quantum.Id, "rows", id, "1.0.0", "sideways")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["version"], version.ErrorFields());
        Assert.Equal(["direction"], direction.ErrorFields());
    }

    [Fact]
    public async Task Bind_ByAnotherDomainOrAConsumer_Returns403()
    {
        var id = PortalApi.Unique("guarded");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);

        await (await BindAsync(portal.ClientFor("consumer"), quantum.Id, "rows", id, "1.0.0")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await BindAsync(portal.ClientFor("logistics-owner"), quantum.Id, "rows", id, "1.0.0")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty((await _owner.GetVersionAsync(id, "1.0.0")).ServedBy);
    }

    [Fact]
    public async Task Bind_WithoutContract_Unbinds()
    {
        var id = PortalApi.Unique("unbound");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        await (await BindAsync(_owner, quantum.Id, "rows", id, "1.0.0")).ReadAsync<BoundPortDto>();

        var response = await _owner.PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/contract", new { contractId = (string?)null });

        Assert.Equal("", (await response.ReadAsync<BoundPortDto>()).ContractVersion);
        Assert.Empty((await _owner.GetVersionAsync(id, "1.0.0")).ServedBy);
    }

    [Fact]
    public async Task Bind_SurvivesAnEditOfTheQuantum()
    {
        var id = PortalApi.Unique("kept");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        await (await BindAsync(_owner, quantum.Id, "rows", id, "1.0.0")).ReadAsync<BoundPortDto>();

        await (await _owner.PutQuantumAsync(await _owner.GetQuantumAsync(quantum.Id), name: "Renamed")).ReadAsync<QuantumDto>();

        Assert.Single((await _owner.GetVersionAsync(id, "1.0.0")).ServedBy);
    }

    [Fact]
    public async Task RenumberingABoundDraft_MovesTheBindingWithIt()
    {
        var id = PortalApi.Unique("moving");
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        await _owner.ImportAsync(Contract(id, "1.0.0"), $"quantum={quantum.Id}&port=rows");

        await (await _owner.PutDraftAsync(id, "1.0.0", Contract(id, "1.1.0"))).ReadAsync<ImportResultDto>();

        Assert.Equal(quantum.Id, Assert.Single((await _owner.GetVersionAsync(id, "1.1.0")).ServedBy).QuantumId);
        await (await _owner.DeleteAsync($"/api/v1/contracts/{id}/versions/1.1.0")).ProblemAsync(HttpStatusCode.Conflict);
    }
}

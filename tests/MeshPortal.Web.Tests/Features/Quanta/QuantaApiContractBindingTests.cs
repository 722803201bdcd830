using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiContractBindingTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private async Task<QuantumDto> SeededAsync(string slug) =>
        (await (await _owner.GetAsync($"/api/v1/quanta?domain=sales&q={slug}")).ReadAsync<MeshPortal.Web.Features.Shared.Page<QuantumDto>>())
        .Items.Single(q => q.Slug == slug);

    [Fact]
    public async Task Get_ShowsTheContractVersionAnOutputPortServes()
    {
        var orders = await SeededAsync("orders");

        var port = orders.Ports.Single(p => p.Name == "order-lines");

        Assert.Equal(("sales-orders", "1.1.0"), (port.ContractId, port.ContractVersion));
    }

    [Fact]
    public async Task NewInputPort_ReliesOnTheVersionTheProducersPortServes_AndKeepsItWhenTheProducerMovesOn()
    {
        var orders = await SeededAsync("orders");
        var consumer = await _owner.RegisterAsync("sales", ports: [new { direction = "input", name = "orders", kind = "quantum", upstreamQuantumId = orders.Id, upstreamPort = "order-lines" }]);

        var input = consumer.Ports.Single();
        Assert.Equal(("sales-orders", "1.1.0"), (input.ContractId, input.ContractVersion));

        // An unrelated edit of the consumer keeps the pinned version.
        var renamed = await (await _owner.PutQuantumAsync(consumer, name: "Renamed consumer")).ReadAsync<QuantumDto>();
        Assert.Equal("1.1.0", renamed.Ports.Single().ContractVersion);
    }
}

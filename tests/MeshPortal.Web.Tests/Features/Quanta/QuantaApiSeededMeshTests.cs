using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

/// <summary>The demo mesh a visitor explores: quanta across tiers, built from each other.</summary>
[Collection(PortalCollection.Name)]
public class QuantaApiSeededMeshTests(PortalFactory portal)
{
    private readonly HttpClient _consumer = portal.ClientFor("consumer");

    [Fact]
    public async Task SeededOrders_AreReadByCustomer360DeliveryPerformanceAndRevenue()
    {
        var orders = await SeededAsync("sales", "orders");

        var consumers = await (await _consumer.GetAsync($"/api/v1/quanta/{orders.Id}/consumers")).ReadAsync<List<ConsumerDto>>();

        Assert.Equal(["customer-360", "delivery-performance", "revenue-daily"], consumers.Select(c => c.Slug).Order());
        Assert.All(consumers, c => Assert.Equal("order-lines", c.OutputPort));
    }

    [Fact]
    public async Task SeededCustomer360_NamesItsUpstreamsByDomainAndSlug()
    {
        var customer360 = await SeededAsync("sales", "customer-360");

        var upstreams = customer360.Ports.Where(p => p.Direction == "input").Select(p => p.UpstreamQuantum).Order();

        Assert.Equal(["sales/customers", "sales/orders"], upstreams);
        Assert.Equal("gold", customer360.Tier);
    }

    [Theory]
    [InlineData("bronze")]
    [InlineData("silver")]
    [InlineData("gold")]
    public async Task SeededMesh_HasQuantaInEveryTier(string tier)
    {
        var page = await (await _consumer.GetAsync($"/api/v1/quanta?tier={tier}&domain=finance")).ReadAsync<Page<QuantumDto>>();
        Assert.NotEmpty(page.Items);
    }

    [Fact]
    public async Task List_PageSizeOverTheMaximum_IsCapped()
    {
        var page = await (await _consumer.GetAsync("/api/v1/quanta?pageSize=100000")).ReadAsync<Page<QuantumDto>>();
        Assert.Equal(Page<QuantumDto>.MaxPageSize, page.PageSize);
    }

    private async Task<QuantumDto> SeededAsync(string domain, string slug)
    {
        var page = await (await _consumer.GetAsync($"/api/v1/quanta?domain={domain}&q={slug}&pageSize=200")).ReadAsync<Page<QuantumDto>>();
        return page.Items.Single(q => q.Slug == slug);
    }
}

using System.Net;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

/// <summary>Filters and paging, over a fresh domain of five quanta so other tests' data does not count.</summary>
[Collection(PortalCollection.Name)]
public class QuantaApiQueryTests(PortalFactory portal) : IAsyncLifetime
{
    private readonly HttpClient _admin = portal.ClientFor("admin");
    private string _domain = "";

    public async Task InitializeAsync()
    {
        _domain = (await _admin.CreateDomainAsync()).Slug;
        await _admin.RegisterAsync(_domain, "alpha", name: "Alpha revenue", tier: "gold", status: "active", tags: ["kpi", "finance"]);
        await _admin.RegisterAsync(_domain, "beta", name: "Beta orders", tier: "silver", tags: ["kpi"]);
        await _admin.RegisterAsync(_domain, "gamma", name: "Gamma raw feed", tier: "bronze", tags: ["raw"]);
        await _admin.RegisterAsync(_domain, "delta", name: "Delta 100% margin_rate", tier: "gold", tags: ["finance"]);
        await _admin.RegisterAsync(_domain, "epsilon", name: "Epsilon stock", tier: "silver", status: "active", tags: ["raw"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", new[] { "alpha", "beta", "delta", "epsilon", "gamma" })]
    [InlineData("&status=active", new[] { "alpha", "epsilon" })]
    [InlineData("&status=draft&tier=gold", new[] { "delta" })]
    [InlineData("&tier=silver", new[] { "beta", "epsilon" })]
    [InlineData("&tag=kpi", new[] { "alpha", "beta" })]
    [InlineData("&tag=FINANCE", new[] { "alpha", "delta" })]
    [InlineData("&q=orders", new[] { "beta" })]
    [InlineData("&q=RAW", new[] { "gamma" })]
    [InlineData("&q=100%25", new[] { "delta" })]
    [InlineData("&q=a_e", new string[0])]
    [InlineData("&q=nothing-matches-this", new string[0])]
    public async Task List_WithFilters_ReturnsOnlyMatchingQuantaWithTotal(string filters, string[] expected)
    {
        var page = await (await _admin.GetAsync($"/api/v1/quanta?domain={_domain}{filters}")).ReadAsync<Page<QuantumDto>>();

        Assert.Equal(expected, page.Items.Select(q => q.Slug).Order());
        Assert.Equal(expected.Length, page.Total);
        Assert.All(page.Items, q => Assert.Equal(_domain, q.Domain));
    }

    [Fact]
    public async Task List_Paged_SplitsByNameWithTheTotalOnEveryPage()
    {
        var pages = new List<Page<QuantumDto>>();
        for (var number = 1; number <= 3; number++)
            pages.Add(await (await _admin.GetAsync($"/api/v1/quanta?domain={_domain}&pageSize=2&page={number}")).ReadAsync<Page<QuantumDto>>());

        Assert.All(pages, p => Assert.Equal((5, 2), (p.Total, p.PageSize)));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["alpha", "beta", "delta", "epsilon", "gamma"], pages.SelectMany(p => p.Items).Select(q => q.Slug));
    }

    [Fact]
    public async Task List_PageBeyondTheEnd_IsEmptyWithTotal()
    {
        var page = await (await _admin.GetAsync($"/api/v1/quanta?domain={_domain}&pageSize=2&page=9")).ReadAsync<Page<QuantumDto>>();
        Assert.Equal((5, 9), (page.Total, page.PageNumber));
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task List_WithoutDomain_IncludesTheSeededMesh()
    {
        var page = await (await _admin.GetAsync("/api/v1/quanta?pageSize=200")).ReadAsync<Page<QuantumDto>>();
        Assert.True(page.Total >= 12 + 5, $"total {page.Total}");
        Assert.Contains(page.Items, q => (q.Domain, q.Slug) == ("sales", "orders"));
    }

    [Theory]
    [InlineData("status=activ", "status")]
    [InlineData("tier=platinum", "tier")]
    public async Task List_WithUnknownFilterValue_Returns400NamingTheParameter(string filter, string field)
    {
        var response = await _admin.GetAsync($"/api/v1/quanta?domain={_domain}&{filter}");

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task List_AsConsumer_IsAllowed()
    {
        var page = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta?domain={_domain}")).ReadAsync<Page<QuantumDto>>();
        Assert.Equal(5, page.Total);
    }
}

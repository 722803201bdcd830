using System.Net;
using MeshPortal.Web.Tests.Infrastructure;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

[Collection(PortalCollection.Name)]
public class ContractsApiVersionsTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Fact]
    public async Task Get_Contract_ListsEveryVersionWithItsStatus_NewestFirst()
    {
        var id = PortalApi.Unique("orders");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));

        var added = await _owner.ImportAsync(Contract(id, "1.1.0", "draft", [OrderId, CustomerId, Amount, Discount]));

        Assert.Equal("draft", added.Status);
        var contract = await _owner.GetContractAsync(id);
        Assert.Equal(("sales", $"Orders {id}"), (contract.Domain, contract.Name));
        Assert.Equal(["1.1.0:draft", "1.0.0:active"], await _owner.VersionsAsync(id));
        Assert.Equal("sales-owner", contract.Versions.Single(v => v.Version == "1.0.0").PublishedBy);
        Assert.Null(contract.Versions.Single(v => v.Version == "1.1.0").PublishedAt);
    }

    [Fact]
    public async Task Get_Version_IsTheJsonViewWithAuthoredAndEffectiveDocuments()
    {
        var id = PortalApi.Unique("orders");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        var response = await portal.ClientFor("consumer").GetAsync($"/api/v1/contracts/{id}/versions/1.0.0");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var version = await response.ReadAsync<MeshPortal.Web.Features.Contracts.ContractVersionDto>();
        Assert.Equal((id, "1.0.0", "draft", "v3.1.0", "sales", 1), (version.Id, version.Version, version.Status, version.ApiVersion, version.Domain, version.Revision));
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(["order_id", "customer_id", "amount"], version.Document["schema"]![0]!["properties"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(version.Document, version.Effective));
        Assert.Null(version.Extends);
        Assert.Empty(version.ServedBy);
        Assert.Empty(version.Consumers);
    }

    [Fact]
    public async Task Post_SameIdAndVersionAgain_Returns409AndChangesNothing()
    {
        var id = PortalApi.Unique("orders");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        var response = await _owner.PostContractAsync(Contract(id, "1.0.0", properties: [OrderId]).Replace($"name: Orders {id}", "name: Replaced"));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1.0.0", problem.GetProperty("detail").GetString());
        Assert.Equal(["1.0.0:draft"], await _owner.VersionsAsync(id));
        var stored = await _owner.GetVersionAsync(id, "1.0.0");
        Assert.Equal($"Orders {id}", stored.Name);
        Assert.Equal(3, stored.Document["schema"]![0]!["properties"]!.AsArray().Count);
        Assert.Equal(1, stored.Revision);
    }

    [Fact]
    public async Task Post_SameNewContractConcurrently_CreatesItOnce_AndAnswers409ToTheOthers()
    {
        var id = PortalApi.Unique("raced");
        var text = Contract(id, "1.0.0");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _owner.PostContractAsync(text)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(["1.0.0:draft"], await _owner.VersionsAsync(id));
    }

    [Fact]
    public async Task Get_UnknownContractOrVersion_Returns404Problem()
    {
        var id = PortalApi.Unique("orders");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        await (await _owner.GetAsync($"/api/v1/contracts/{PortalApi.Unique("nope")}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _owner.GetAsync($"/api/v1/contracts/{id}/versions/9.9.9")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _owner.GetAsync($"/api/v1/contracts/{id}/versions/9.9.9/odcs")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FiltersByDomainAndText()
    {
        var id = PortalApi.Unique("listed");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        var inSales = await (await _owner.GetAsync($"/api/v1/contracts?domain=sales&q={id}")).ReadAsync<List<MeshPortal.Web.Features.Contracts.ContractSummaryDto>>();
        var inLogistics = await (await _owner.GetAsync($"/api/v1/contracts?domain=logistics&q={id}")).ReadAsync<List<MeshPortal.Web.Features.Contracts.ContractSummaryDto>>();

        var summary = Assert.Single(inSales);
        Assert.Equal((id, "1.0.0", "draft", (string?)null, 1), (summary.Id, summary.LatestVersion, summary.LatestStatus, summary.ActiveVersion, summary.VersionCount));
        Assert.Empty(inLogistics);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Tests.Infrastructure;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>A child contract through the API: exported flattened by default, as written on request, refused when it loosens.</summary>
[Collection(PortalCollection.Name)]
public class ContractsApiInheritanceTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private const string Customers = """
        schema:
          - name: orders
            physicalName: orders
            physicalType: table
            description: One row per order.
            properties:
        {0}
          - name: customers
            physicalType: table
            properties:
              - name: customer_id
                logicalType: string
                required: true
        slaProperties:
          - property: latency
            value: 4
            unit: h
        """;

    /// <summary>A published parent with two objects (orders, customers) and an SLA.</summary>
    private async Task<string> PublishedParentAsync()
    {
        var id = PortalApi.Unique("parent");
        var text = Contract(id, "1.0.0", "active").Split("schema:")[0] + string.Format(Customers, string.Join("\n", OrderId, CustomerId, Amount));
        await _owner.ImportAsync(text);
        return id;
    }

    private static string Child(string id, string parent, string orderProperties) => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: {id}
        version: 1.0.0
        status: draft
        name: EU orders
        customProperties:
          - property: meshportal.extends
            value: {parent}@1.0.0
        schema:
          - name: orders
            properties:
        {orderProperties}
        """;

    private const string InheritedNames = """
              - name: order_id
              - name: customer_id
              - name: amount
        """;

    private async Task<JsonObject> ExportAsync(string id, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/contracts/{id}/versions/1.0.0/odcs{query}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await _owner.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Child_AddingAProperty_IsExportedFlattened_AndAsAuthoredOnRequest()
    {
        var parent = await PublishedParentAsync();
        var id = PortalApi.Unique("child");
        var text = Child(id, parent, InheritedNames + "\n" + Discount);

        var created = await _owner.ImportAsync(text);

        Assert.Equal((id, "1.0.0", "draft"), (created.Id, created.Version, created.Status));
        var effective = ContractNormalizer.Normalize(YamlJson.Parse(await _owner.GetStringAsync($"/api/v1/contracts/{id}/versions/1.0.0/odcs"))!.AsObject());
        Assert.Equal(["orders", "customers"], effective.Objects.Select(o => o.Name));
        Assert.Equal(["order_id", "customer_id", "amount", "discount"], effective.Objects[0].Properties.Select(p => p.Name));
        Assert.Equal(("string", "varchar(36)", true), (effective.Objects[0].Properties[0].LogicalType, effective.Objects[0].Properties[0].PhysicalType, effective.Objects[0].Properties[0].PrimaryKey));
        Assert.Equal(["latency"], effective.Sla.Select(s => s.Property));
        Assert.Equal(id, effective.Id);
        Assert.Empty(OdcsSchema.Validate(await ExportAsync(id)));

        Assert.True(JsonNode.DeepEquals(YamlJson.Parse(text), await ExportAsync(id, "?form=authored")));
        var version = await _owner.GetVersionAsync(id, "1.0.0");
        Assert.Equal($"{parent}@1.0.0", version.Extends);

        var children = (await _owner.GetContractAsync(parent)).Children;
        var child = Assert.Single(children);
        Assert.Equal((id, "1.0.0", "draft", "1.0.0"), (child.ContractId, child.Version, child.Status, child.ExtendsVersion));
    }

    [Fact]
    public async Task Child_LooseningAnInheritedType_Returns422WithTheReason()
    {
        var parent = await PublishedParentAsync();
        var id = PortalApi.Unique("child");
        var loosened = InheritedNames.Replace("- name: order_id", "- name: order_id\n        physicalType: varchar(100)");

        var problem = await (await _owner.PostContractAsync(Child(id, parent, loosened))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var reasons = problem.GetProperty("errors").GetProperty("orders.order_id.type");
        Assert.Contains("loosens", reasons[0].GetString());
        await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await _owner.GetContractAsync(parent)).Children);
    }

    [Fact]
    public async Task Child_RemovingAnInheritedProperty_Returns422WithTheReason()
    {
        var parent = await PublishedParentAsync();
        var id = PortalApi.Unique("child");
        var withoutAmount = InheritedNames.Replace("\n      - name: amount", "") + "\n" + Discount;

        var problem = await (await _owner.PostContractAsync(Child(id, parent, withoutAmount))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var reasons = problem.GetProperty("errors").GetProperty("orders.amount");
        Assert.Contains("removes the inherited property 'amount'", reasons[0].GetString());
        Assert.Contains(parent, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Child_OfAnUnknownParentVersion_Returns422()
    {
        var parent = await PublishedParentAsync();

        var problem = await (await _owner.PostContractAsync(Child(PortalApi.Unique("child"), parent, InheritedNames).Replace("@1.0.0", "@7.0.0"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("/customProperties", problem.ErrorFields());
    }

    [Fact]
    public async Task Child_OfADraftParent_Returns422_SinceTheDraftCanStillChangeUnderIt()
    {
        var parent = PortalApi.Unique("parent");
        await _owner.ImportAsync(Contract(parent, "1.0.0"));

        var problem = await (await _owner.PostContractAsync(Child(PortalApi.Unique("child"), parent, InheritedNames))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("/customProperties", problem.ErrorFields());
        Assert.Contains("draft", problem.GetProperty("detail").GetString());
        // The parent draft stays free to change or go.
        await (await _owner.PutDraftAsync(parent, "1.0.0", Contract(parent, "1.0.0", properties: [OrderId]))).ReadAsync<MeshPortal.Web.Features.Contracts.ImportResultDto>();
    }

    [Fact]
    public async Task Child_DeclaringNoObjects_InheritsThemAll()
    {
        var parent = await PublishedParentAsync();
        var id = PortalApi.Unique("child");
        var text = Child(id, parent, "").Split("schema:")[0];

        await _owner.ImportAsync(text);

        var effective = ContractNormalizer.Normalize(await ExportAsync(id));
        Assert.Equal(["orders", "customers"], effective.Objects.Select(o => o.Name));
        Assert.Equal(3, effective.Objects[0].Properties.Count);
    }
}

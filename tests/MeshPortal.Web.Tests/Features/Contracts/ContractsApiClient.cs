using System.Net;
using System.Net.Http.Json;
using System.Text;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Posting ODCS documents the way a client does (YAML bodies), and small contracts to post.</summary>
public static class ContractsApiClient
{
    public const string OrderId = """
              - name: order_id
                logicalType: string
                physicalType: varchar(36)
                primaryKey: true
                required: true
        """;

    public const string CustomerId = """
              - name: customer_id
                logicalType: string
                physicalType: varchar(36)
                description: The customer who placed the order.
        """;

    public const string Amount = """
              - name: amount
                logicalType: number
                physicalType: decimal(10,2)
        """;

    public const string Discount = """
              - name: discount
                logicalType: number
                physicalType: decimal(10,2)
                description: Discount granted on the order.
        """;

    /// <summary>A small valid ODCS v3.1.0 contract with one object "orders"; properties default to order_id, customer_id, amount.</summary>
    public static string Contract(string id, string version = "1.0.0", string status = "draft", string[]? properties = null, string? extra = null) =>
        $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: {id}
        version: {version}
        status: {status}
        name: Orders {id}
        description:
          purpose: Confirmed orders, written by the contracts API tests.
        schema:
          - name: orders
            physicalName: orders
            physicalType: table
            description: One row per order.
            properties:
        {string.Join("\n", properties ?? [OrderId, CustomerId, Amount])}
        {extra ?? ""}
        """;

    public static StringContent Yaml(string text, string mediaType = "application/yaml") => new(text, Encoding.UTF8, mediaType);

    public static Task<HttpResponseMessage> PostContractAsync(this HttpClient client, string document, string? query = "domain=sales", string mediaType = "application/yaml") =>
        client.PostAsync("/api/v1/contracts" + (query is null ? "" : "?" + query), Yaml(document, mediaType));

    /// <summary>Posts a document and asserts it was created.</summary>
    public static async Task<ImportResultDto> ImportAsync(this HttpClient client, string document, string? query = "domain=sales")
    {
        var response = await client.PostContractAsync(document, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return await response.ReadAsync<ImportResultDto>();
    }

    public static Task<HttpResponseMessage> PutDraftAsync(this HttpClient client, string id, string version, string document) =>
        client.PutAsync($"/api/v1/contracts/{id}/versions/{version}/odcs", Yaml(document));

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, string id, string version) =>
        client.PostAsync($"/api/v1/contracts/{id}/versions/{version}/publish", null);

    public static Task<HttpResponseMessage> SetStatusAsync(this HttpClient client, string id, string version, string status) =>
        client.PostAsJsonAsync($"/api/v1/contracts/{id}/versions/{version}/status", new { status });

    public static async Task<ContractDto> GetContractAsync(this HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/contracts/{id}")).ReadAsync<ContractDto>();

    public static async Task<ContractVersionDto> GetVersionAsync(this HttpClient client, string id, string version) =>
        await (await client.GetAsync($"/api/v1/contracts/{id}/versions/{version}")).ReadAsync<ContractVersionDto>();

    /// <summary>The statuses of a contract's versions, newest first: ["1.1.0:draft", "1.0.0:active"].</summary>
    public static async Task<string[]> VersionsAsync(this HttpClient client, string id) =>
        (await client.GetContractAsync(id)).Versions.Select(v => $"{v.Version}:{v.Status}").ToArray();

    public static async Task<List<string>> ContractIdsAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/v1/contracts")).ReadAsync<List<ContractSummaryDto>>()).Select(c => c.Id).ToList();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Onboarding;

/// <summary>Quanta with a bound contract, sample files with planted defects, and the onboarding API called the way a client does.</summary>
public static class OnboardingApiClient
{
    /// <summary>Rows in <see cref="OrdersCsv"/>, and how many of them break the contract.</summary>
    public const int CsvRows = 20, CsvBadRows = 3;

    /// <summary>
    /// An ODCS contract with one object "orders": order_id (required key), customer_email (confidential and pii), amount
    /// (required number), order_date (date), channel (public). <paramref name="classification"/> becomes the contract's
    /// top-level customProperty "classification" when given.
    /// </summary>
    public static string OrdersContract(string id, string? classification = null) => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: {id}
        version: 1.0.0
        status: active
        name: Orders {id}
        description:
          purpose: Orders onboarded by the onboarding tests.
        schema:
          - name: orders
            physicalName: orders
            physicalType: table
            properties:
              - name: order_id
                logicalType: string
                required: true
                primaryKey: true
                classification: internal
              - name: customer_email
                logicalType: string
                classification: confidential
                customProperties:
                  - property: pii
                    value: true
              - name: amount
                logicalType: number
                required: true
                classification: internal
              - name: order_date
                logicalType: date
                classification: internal
              - name: channel
                logicalType: string
                classification: public
        {(classification is null ? "" : $"customProperties:\n  - property: classification\n    value: {classification}")}
        """;

    /// <summary>20 orders; row 4 has no order_id, row 9 an amount that is not a number, row 15 a date that does not exist.</summary>
    public static string OrdersCsv()
    {
        var lines = new List<string> { "order_id,customer_email,amount,order_date,channel" };
        for (var i = 1; i <= CsvRows; i++)
        {
            var id = i == 4 ? "" : $"ORD-{i:D4}";
            var amount = i == 9 ? "twelve" : $"{i * 10}.50";
            var date = i == 15 ? "2024-13-45" : $"2024-03-{i:D2}";
            lines.Add($"{id},buyer{i}@example.com,{amount},{date},{(i % 2 == 0 ? "web" : "shop")}");
        }
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Registers a quantum in <paramref name="domain"/> with an output port "rows" bound to a new orders contract.</summary>
    public static async Task<(QuantumDto Quantum, string ContractId)> QuantumWithContractAsync(this PortalFactory portal, string domain = "sales", string owner = "sales-owner", string? classification = null)
    {
        var client = portal.ClientFor(owner);
        var quantum = await client.RegisterAsync(domain, ports: [new { direction = "output", name = "rows", kind = "table" }]);
        var contractId = PortalApi.Unique("orders");
        var response = await client.PostAsync($"/api/v1/contracts?quantum={quantum.Id}&port=rows",
            new StringContent(OrdersContract(contractId, classification), Encoding.UTF8, "application/yaml"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (quantum, contractId);
    }

    /// <summary>A multipart upload with the fields first and the file last, as the API asks.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid quantumId, string name, string fileName, byte[] content, string? outputPort = null, string? objectName = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(name), "name");
        if (outputPort is not null) form.Add(new StringContent(outputPort), "outputPort");
        if (objectName is not null) form.Add(new StringContent(objectName), "object");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return client.PostAsync($"/api/v1/quanta/{quantumId}/sources", form);
    }

    public static Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, Guid quantumId, string? name = null) =>
        client.UploadAsync(quantumId, name ?? PortalApi.Unique("src"), "orders.csv", Encoding.UTF8.GetBytes(OrdersCsv()));

    /// <summary>Uploads the orders CSV and returns the new source's id.</summary>
    public static async Task<Guid> AddCsvSourceAsync(this HttpClient client, Guid quantumId, string? name = null)
    {
        var response = await client.UploadCsvAsync(quantumId, name);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> StartRunAsync(this HttpClient client, Guid quantumId, Guid sourceId) =>
        client.PostAsJsonAsync($"/api/v1/quanta/{quantumId}/onboarding-runs", new { sourceId });

    /// <summary>Starts a run and returns its id (asserting 202 and the Location).</summary>
    public static async Task<Guid> StartRunIdAsync(this HttpClient client, Guid quantumId, Guid sourceId)
    {
        var response = await client.StartRunAsync(quantumId, sourceId);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var runId = (await response.ReadAsync<JsonElement>()).GetProperty("runId").GetGuid();
        Assert.Equal($"/api/v1/onboarding-runs/{runId}", response.Headers.Location?.OriginalString);
        return runId;
    }

    public static async Task<JsonElement> GetRunAsync(this HttpClient client, Guid runId) =>
        await (await client.GetAsync($"/api/v1/onboarding-runs/{runId}")).ReadAsync<JsonElement>();

    /// <summary>Polls the run until it is finished (or the time is up) and returns what the API last said.</summary>
    public static async Task<JsonElement> PollRunAsync(this HttpClient client, Guid runId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await client.GetRunAsync(runId);
            var status = run.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "queued", "running", "succeeded", "failed", "cancelled" });
            if (status is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline) return run;
            await Task.Delay(200);
        }
    }
}

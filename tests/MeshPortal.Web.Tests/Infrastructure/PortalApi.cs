using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;

namespace MeshPortal.Web.Tests.Infrastructure;

/// <summary>Small helpers to call the API and read what it answers, the way a client would.</summary>
public static class PortalApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A slug no other test uses: "prefix-" and 12 hex digits.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The field names in a problem's `errors` dictionary.</summary>
    public static string[] ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(e => e.Name).ToArray()
            : [];

    public static async Task<DomainDto> CreateDomainAsync(this HttpClient admin, string? slug = null)
    {
        slug ??= Unique("dom");
        var response = await admin.PostAsJsonAsync("/api/v1/domains", new { slug, name = "Domain " + slug, description = "Made by a test." });
        return await response.ReadAsync<DomainDto>();
    }

    public static async Task SetMemberAsync(this HttpClient admin, string domain, string username, string role)
    {
        var response = await admin.PutAsJsonAsync($"/api/v1/domains/{domain}/members/{username}", new { role });
        await response.ReadAsync<DomainDto>();
    }

    public static object QuantumBody(string domain, string slug, string? owner = null, string status = "draft", string tier = "silver", string[]? tags = null, object[]? ports = null, string? name = null, int? version = null) => new
    {
        domain,
        slug,
        name = name ?? "Quantum " + slug,
        description = "Made by a test.",
        tier,
        status,
        tags = tags ?? ["test"],
        owner,
        ports = ports ?? [new { direction = "output", name = "rows", kind = "table" }],
        version,
    };

    public static async Task<QuantumDto> RegisterAsync(this HttpClient client, string domain, string? slug = null, string? owner = null, string status = "draft", string tier = "silver", string[]? tags = null, object[]? ports = null, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/quanta", QuantumBody(domain, slug ?? Unique("q"), owner, status, tier, tags, ports, name));
        return await response.ReadAsync<QuantumDto>();
    }

    public static Task<HttpResponseMessage> PutQuantumAsync(this HttpClient client, QuantumDto current, string? name = null, string? status = null, string[]? tags = null, object[]? ports = null, string? slug = null, int? version = null) =>
        client.PutAsJsonAsync($"/api/v1/quanta/{current.Id}", new
        {
            domain = current.Domain,
            slug = slug ?? current.Slug,
            name = name ?? current.Name,
            description = current.Description,
            tier = current.Tier,
            status = status ?? current.Status,
            tags = tags ?? current.Tags.ToArray(),
            owner = current.Owner.Username,
            ports = ports ?? current.Ports.Select(p => (object)new { direction = p.Direction, name = p.Name, kind = p.Kind, description = p.Description, source = p.Source, upstreamQuantumId = p.UpstreamQuantumId, upstreamPort = p.UpstreamPort, endpoint = p.Endpoint }).ToArray(),
            version = version ?? current.Version,
        });

    public static async Task<QuantumDto> GetQuantumAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/quanta/{id}")).ReadAsync<QuantumDto>();
}

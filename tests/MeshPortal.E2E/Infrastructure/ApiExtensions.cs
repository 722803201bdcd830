using System.Net.Http.Json;
using System.Text.Json;

namespace MeshPortal.E2E.Infrastructure;

public static class ApiExtensions
{
    public sealed record QuantumSummary(Guid Id, string Domain, string Slug, string Name, string Description, string Tier);
    private sealed record PageOf<T>(int Total, IReadOnlyList<T> Items);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<QuantumSummary>> ListQuantaAsync(this HttpClient api, string domain)
    {
        var response = await api.GetAsync($"/api/v1/quanta?domain={Uri.EscapeDataString(domain)}&pageSize=200");
        await EnsureAsync(response);
        var page = await response.Content.ReadFromJsonAsync<PageOf<QuantumSummary>>(Json);
        return page?.Items ?? [];
    }

    public static async Task<QuantumSummary> GetQuantumAsync(this HttpClient api, Guid id)
    {
        var response = await api.GetAsync($"/api/v1/quanta/{id}");
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<QuantumSummary>(Json))!;
    }

    public static async Task<QuantumSummary> RegisterQuantumAsync(this HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/quanta", body, Json);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<QuantumSummary>(Json))!;
    }

    /// <summary>A unique, valid slug for this run.</summary>
    public static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
    }
}

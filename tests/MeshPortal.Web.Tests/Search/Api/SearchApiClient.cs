using System.Net;
using System.Text.Json;
using MeshPortal.Web.Search;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Search.Api;

/// <summary>Calling the dictionary API the way a client does.</summary>
public static class SearchApiClient
{
    /// <summary>GET /api/v1/search with the query string given as name/value pairs (values are escaped here).</summary>
    public static Task<HttpResponseMessage> GetSearchAsync(this HttpClient client, params (string Name, object? Value)[] query) =>
        client.GetAsync("/api/v1/search" + QueryString(query));

    public static async Task<SearchResult> SearchAsync(this HttpClient client, params (string Name, object? Value)[] query) =>
        await (await client.GetSearchAsync(query)).ReadAsync<SearchResult>();

    public static Task<SearchResult> SearchAsync(this HttpClient client, string text) => client.SearchAsync(("q", text));

    public static async Task<Suggestion[]> SuggestAsync(this HttpClient client, string prefix, int? limit = null) =>
        await (await client.GetAsync("/api/v1/search/suggest" + QueryString([("q", prefix), ("limit", limit)]))).ReadAsync<Suggestion[]>();

    public static string QueryString(IEnumerable<(string Name, object? Value)> query)
    {
        var parts = query.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>Searches until <paramref name="done"/> holds for the result or the time is up; returns the last result.</summary>
    public static async Task<SearchResult> SearchUntilAsync(this HttpClient client, string text, Func<SearchResult, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var result = await client.SearchAsync(text);
            if (done(result) || DateTime.UtcNow > deadline) return result;
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A word no seeded entry contains, so a search for it finds only what the test made: lower-case letters only,
    /// because the analyzer splits words at digits and case changes.
    /// </summary>
    public static string UniqueWord(string prefix) =>
        prefix + new string(Guid.NewGuid().ToByteArray().Take(10).Select(b => (char)('a' + b % 26)).ToArray());

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

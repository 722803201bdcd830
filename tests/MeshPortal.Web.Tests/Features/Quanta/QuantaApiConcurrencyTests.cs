using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiConcurrencyTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Fact]
    public async Task Get_ETagHeader_EqualsTheVersion()
    {
        var created = await _owner.RegisterAsync("sales");

        var response = await _owner.GetAsync($"/api/v1/quanta/{created.Id}");

        var body = await response.ReadAsync<QuantumDto>();
        Assert.Equal(1, body.Version);
        Assert.Equal($"\"{body.Version}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Post_ETagHeader_EqualsTheVersion()
    {
        var response = await _owner.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody("sales", PortalApi.Unique("etag")));
        var body = await response.ReadAsync<QuantumDto>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/quanta/{body.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{body.Version}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_WithCurrentVersion_BumpsTheVersionAndETag()
    {
        var created = await _owner.RegisterAsync("sales");

        var response = await _owner.PutQuantumAsync(created, name: "Orders, renamed");

        var updated = await response.ReadAsync<QuantumDto>();
        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal("Orders, renamed", (await _owner.GetQuantumAsync(created.Id)).Name);
        Assert.Equal("sales-owner", updated.UpdatedBy);
    }

    [Fact]
    public async Task Put_WithStaleBodyVersion_Returns409AndChangesNothing()
    {
        var created = await _owner.RegisterAsync("sales");
        await (await _owner.PutQuantumAsync(created, name: "First writer")).ReadAsync<QuantumDto>();

        var response = await _owner.PutQuantumAsync(created, name: "Second writer", version: created.Version);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("version 1", problem.GetProperty("detail").GetString());
        var stored = await _owner.GetQuantumAsync(created.Id);
        Assert.Equal("First writer", stored.Name);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Put_WithStaleIfMatch_Returns409AndChangesNothing()
    {
        var created = await _owner.RegisterAsync("sales");
        var current = await (await _owner.PutQuantumAsync(created, name: "First writer")).ReadAsync<QuantumDto>();

        // The body carries the current version; the If-Match header, which wins, is stale.
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/quanta/{created.Id}")
        {
            Content = JsonContent.Create(PortalApi.QuantumBody("sales", created.Slug, owner: "sales-owner", name: "Second writer", version: current.Version)),
        };
        request.Headers.IfMatch.ParseAdd("\"1\"");
        var response = await _owner.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.Conflict);
        var stored = await _owner.GetQuantumAsync(created.Id);
        Assert.Equal("First writer", stored.Name);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Put_WithCurrentIfMatchAndNoBodyVersion_Succeeds()
    {
        var created = await _owner.RegisterAsync("sales");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/quanta/{created.Id}")
        {
            Content = JsonContent.Create(PortalApi.QuantumBody("sales", created.Slug, owner: "sales-owner", name: "Via If-Match")),
        };
        request.Headers.IfMatch.ParseAdd($"\"{created.Version}\"");

        var updated = await (await _owner.SendAsync(request)).ReadAsync<QuantumDto>();

        Assert.Equal("Via If-Match", updated.Name);
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task Put_WithoutAnyVersion_Returns400NamingVersion()
    {
        var created = await _owner.RegisterAsync("sales");

        var response = await _owner.PutAsJsonAsync($"/api/v1/quanta/{created.Id}", PortalApi.QuantumBody("sales", created.Slug, owner: "sales-owner", name: "No version"));

        Assert.Contains("version", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(created.Name, (await _owner.GetQuantumAsync(created.Id)).Name);
    }

    [Fact]
    public async Task Put_TwoWritersWithTheSameVersion_OnlyOneWins()
    {
        var created = await _owner.RegisterAsync("sales");

        var responses = await Task.WhenAll(
            _owner.PutQuantumAsync(created, name: "Writer A"),
            portal.ClientFor("engineer").PutQuantumAsync(created, name: "Writer B"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var stored = await _owner.GetQuantumAsync(created.Id);
        Assert.Equal(2, stored.Version);
        Assert.Contains(stored.Name, new[] { "Writer A", "Writer B" });
    }
}

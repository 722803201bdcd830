using System.Text.Json;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

[Collection(PortalCollection.Name)]
public class OpenApiTests(PortalFactory portal)
{
    [Theory]
    [InlineData("/api/v1/me", "get")]
    [InlineData("/api/v1/domains", "get")]
    [InlineData("/api/v1/domains", "post")]
    [InlineData("/api/v1/domains/{slug}", "get")]
    [InlineData("/api/v1/domains/{slug}/members/{username}", "put")]
    [InlineData("/api/v1/domains/{slug}/members/{username}", "delete")]
    [InlineData("/api/v1/quanta", "get")]
    [InlineData("/api/v1/quanta", "post")]
    [InlineData("/api/v1/quanta/{id}", "get")]
    [InlineData("/api/v1/quanta/{id}", "put")]
    public async Task Document_WithoutToken_ListsTheEndpoint(string path, string method)
    {
        var response = await portal.ClientFor("none").GetAsync("/openapi/v1.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty(path, out var item), $"missing {path}; has {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
        Assert.True(item.TryGetProperty(method, out var operation), $"{path} has no {method}");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()));
    }

    [Fact]
    public async Task Document_DoesNotListAccountFormPosts()
    {
        var document = await portal.ClientFor("none").GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("local-signin", document);
    }
}

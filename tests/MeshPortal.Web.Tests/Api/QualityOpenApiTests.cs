using System.Text.Json;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

[Collection(PortalCollection.Name)]
public class QualityOpenApiTests(PortalFactory portal)
{
    [Theory]
    [InlineData("/api/v1/quanta/{id}/quality-runs", "post")]
    [InlineData("/api/v1/quanta/{id}/quality-runs", "get")]
    [InlineData("/api/v1/quanta/{id}/quality-runs/latest", "get")]
    [InlineData("/api/v1/quality-runs/{runId}", "get")]
    [InlineData("/api/v1/quanta/{id}/quality", "get")]
    [InlineData("/api/v1/quanta/{id}/quality-settings", "get")]
    [InlineData("/api/v1/quanta/{id}/quality-settings", "put")]
    [InlineData("/api/v1/quality/dashboard", "get")]
    public async Task Document_ListsTheQualityEndpoints(string path, string method)
    {
        var document = JsonDocument.Parse(await portal.ClientFor("none").GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"missing {path}");
        Assert.True(item.TryGetProperty(method, out var operation), $"{path} has no {method}");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.Equal("Quality", operation.GetProperty("tags")[0].GetString());
    }
}

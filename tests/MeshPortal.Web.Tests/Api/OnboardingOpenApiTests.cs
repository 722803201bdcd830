using System.Text.Json;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

[Collection(PortalCollection.Name)]
public class OnboardingOpenApiTests(PortalFactory portal)
{
    [Theory]
    [InlineData("/api/v1/quanta/{id}/sources", "post")]
    [InlineData("/api/v1/quanta/{id}/sources", "get")]
    [InlineData("/api/v1/quanta/{id}/sources/{sourceId}", "delete")]
    [InlineData("/api/v1/quanta/{id}/onboarding-runs", "post")]
    [InlineData("/api/v1/quanta/{id}/onboarding-runs", "get")]
    [InlineData("/api/v1/onboarding-runs/{runId}", "get")]
    [InlineData("/api/v1/onboarding-runs/{runId}/cancel", "post")]
    [InlineData("/api/v1/quanta/{id}/ports/{port}/data", "get")]
    [InlineData("/api/v1/quanta/{id}/quarantine", "get")]
    [InlineData("/api/v1/quanta/{id}/onboarding-settings", "put")]
    public async Task Document_ListsTheOnboardingEndpoints(string path, string method)
    {
        var document = JsonDocument.Parse(await portal.ClientFor("none").GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"missing {path}");
        Assert.True(item.TryGetProperty(method, out var operation), $"{path} has no {method}");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task AddSource_AcceptsMultipartAndJson()
    {
        var document = JsonDocument.Parse(await portal.ClientFor("none").GetStringAsync("/openapi/v1.json")).RootElement;

        var content = document.GetProperty("paths").GetProperty("/api/v1/quanta/{id}/sources").GetProperty("post").GetProperty("requestBody").GetProperty("content");

        Assert.True(content.TryGetProperty("multipart/form-data", out _), content.ToString());
        Assert.True(content.TryGetProperty("application/json", out _), content.ToString());
    }
}

using System.Net;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Search.Api;

/// <summary>Who may start a rebuild, and reading one that does not exist. A rebuild that runs: HangfireIndexingTests.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchRebuildApiTests(PortalFactory portal)
{
    [Theory]
    [InlineData("cdo")]
    [InlineData("architect")]
    [InlineData("sales-owner")]
    [InlineData("engineer")]
    [InlineData("consumer")]
    public async Task Rebuild_ByAnyoneButAPlatformAdmin_IsForbidden(string persona)
    {
        var response = await portal.ClientFor(persona).PostAsync("/api/v1/search/rebuild", null);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("invalid")]
    [InlineData("revoked")]
    [InlineData("expired")]
    public async Task Rebuild_WithoutAUsableToken_IsUnauthorized(string caller)
    {
        var response = await portal.ClientFor(caller).PostAsync("/api/v1/search/rebuild", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetRebuild_Unknown_Is404()
    {
        var response = await portal.ClientFor("admin").GetAsync($"/api/v1/search/rebuilds/{Guid.NewGuid()}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}

using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

[Collection(PortalCollection.Name)]
public class HealthTests(PortalFactory portal)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutToken_AnswersHealthy(string path)
    {
        var response = await portal.ClientFor("none").GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

/// <summary>A body that is not JSON, or JSON of the wrong shape, is a 400 that says where, never a 500.</summary>
[Collection(PortalCollection.Name)]
public class MalformedJsonTests(PortalFactory portal)
{
    private Task<HttpResponseMessage> Post(string path, string body) =>
        portal.ClientFor("admin").PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("""{"domain":"sales","name":42}""", "name")]
    [InlineData("""{"domain":"sales","tags":"not-a-list"}""", "tags")]
    [InlineData("""{"domain":"sales","ports":[{"direction":"output","name":["x"]}]}""", "ports[0].name")]
    [InlineData("""{"domain":"sales","ports":[{"upstreamQuantumId":"not-a-guid"}]}""", "ports[0].upstreamQuantumId")]
    [InlineData("""{"domain":"sales","version":"three"}""", "version")]
    public async Task Post_WrongJsonType_Returns400NamingTheJsonPath(string body, string field)
    {
        var problem = await (await Post("/api/v1/quanta", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.ErrorFields());
        Assert.Contains("$." + field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_TruncatedJson_Returns400WithLineAndPosition()
    {
        var problem = await (await Post("/api/v1/quanta", "{\n  \"domain\": \"sales\",\n  \"tags\": [\"a\", ")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/domains", "not json at all")]
    [InlineData("/api/v1/quanta", "")]
    [InlineData("/api/v1/domains", "[1, 2, 3]")]
    public async Task Post_NotAnObject_Returns400Problem(string path, string body) =>
        await (await Post(path, body)).ProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task Post_DeeplyNestedJson_Returns400NotA500()
    {
        var body = """{"domain":"sales","description":""" + new string('[', 100) + new string(']', 100) + "}";
        await (await Post("/api/v1/quanta", body)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WrongContentType_Returns415()
    {
        var response = await portal.ClientFor("admin").PostAsync("/api/v1/domains", new StringContent("slug=x&name=y", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

[Collection(PortalCollection.Name)]
public class BodySizeLimitTests(PortalFactory portal)
{
    private const int OverOneMegabyte = 1024 * 1024 + 1;

    /// <summary>A syntactically valid quantum whose description makes the body the given size.</summary>
    private static byte[] BodyOfSize(int bytes)
    {
        var head = """{"domain":"sales","slug":"too-big","name":"Too big","tier":"gold","description":" """;
        const string tail = "\"}";
        return Encoding.UTF8.GetBytes(head + new string('x', bytes - head.Length - tail.Length) + tail);
    }

    [Fact]
    public async Task Post_OverOneMegabyteWithContentLength_Returns413Problem()
    {
        var content = new ByteArrayContent(BodyOfSize(OverOneMegabyte));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await portal.ClientFor("sales-owner").SendAsync(ExpectingContinue(HttpMethod.Post, "/api/v1/quanta", content));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,048,576", problem.GetProperty("detail").GetString());
        var stored = await (await portal.ClientFor("admin").GetAsync("/api/v1/quanta?domain=sales&q=too-big")).ReadAsync<Page<QuantumDto>>();
        Assert.Equal(0, stored.Total);
    }

    [Fact]
    public async Task Post_OverOneMegabyteChunked_Returns413Problem()
    {
        var content = new StreamContent(new NonSeekableStream(BodyOfSize(OverOneMegabyte)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/quanta") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await portal.ClientFor("sales-owner").SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,048,576", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_JustUnderOneMegabyte_IsReadAndValidated()
    {
        var content = new ByteArrayContent(BodyOfSize(1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await portal.ClientFor("sales-owner").PostAsync("/api/v1/quanta", content);

        // Read and refused by validation (the description is over 20,000 characters), not by size.
        Assert.Contains("description", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Put_OverOneMegabyte_Returns413Problem()
    {
        var created = await portal.ClientFor("sales-owner").RegisterAsync("sales");
        var content = new ByteArrayContent(BodyOfSize(OverOneMegabyte * 2));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await portal.ClientFor("sales-owner").SendAsync(ExpectingContinue(HttpMethod.Put, $"/api/v1/quanta/{created.Id}", content));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(created.Version, (await portal.ClientFor("sales-owner").GetQuantumAsync(created.Id)).Version);
    }

    /// <summary>
    /// A declared length over the limit is refused before any body byte is read, and the server closes the connection.
    /// A client that waits for "100 Continue" (as clients of large bodies should) then never sends the body; one that
    /// does not may be caught still writing into the closed connection ("Broken pipe") before it reads the 413.
    /// </summary>
    private static HttpRequestMessage ExpectingContinue(HttpMethod method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>Hides the length so HttpClient has to send the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}

using System.Text.Json;
using MeshPortal.DataPlane;
using MeshPortal.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Web.Tests.Api;

/// <summary>
/// A quantum whose database another MeshPortal process holds (several processes over one data folder) answers 503 with
/// Retry-After and DuckDB's word on who holds it, not a 500. The lock itself is produced and checked across two real
/// processes in the data plane's KillTests; here, what the API makes of it.
/// </summary>
public sealed class QuantumBusyTests
{
    [Fact]
    public async Task A_busy_quantum_is_a_503_to_retry_with_the_reason()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = "/api/v1/quanta/1f0c0000-0000-0000-0000-000000000001/layers";
        http.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(http, new QuantumBusyException("The data of this quantum is in use by another MeshPortal process (process 42): try again."), default);

        Assert.True(handled);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("30", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("Quantum data busy", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("(process 42)", problem.RootElement.GetProperty("detail").GetString());
    }
}

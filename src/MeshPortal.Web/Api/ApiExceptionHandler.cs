using System.Text.Json;
using MeshPortal.DataPlane;
using Microsoft.AspNetCore.Diagnostics;

namespace MeshPortal.Web.Api;

/// <summary>
/// Turns request-binding failures into RFC 9457 problem details that say what was wrong and where
/// (the JSON path and line), instead of a bare 400 or a 500; a quantum whose data another process holds is a 503 to retry.
/// Anything else is a 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/api")) return false;
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "Request body too large", $"This endpoint accepts at most {ApiExtensions.MaxBodyBytes:N0} bytes.", null),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Malformed JSON", Describe(json), json.Path is { } path ? new Dictionary<string, string[]> { [FieldOf(path)] = [json.Message] } : null),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message, (Dictionary<string, string[]>?)null),
            // Only with several MeshPortal processes over one data folder: the quantum's database is open in another one.
            QuantumBusyException busy => (503, "Quantum data busy", busy.Message, null),
            _ => (500, "Unexpected error", "The server could not complete the request. It has been logged.", null),
        };
        if (status == 500) logger.LogError(exception, "Unhandled API error on {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "30";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static string Describe(JsonException json) =>
        $"The body is not valid JSON for this endpoint at {json.Path ?? "$"}" +
        (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "") + ".";

    /// <summary>"$.ports[0].name" → "ports[0].name", the field name used elsewhere in errors.</summary>
    private static string FieldOf(string path) => path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}

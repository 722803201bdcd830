using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Api;

/// <summary>Maps a service's <see cref="OperationResult{T}"/> to HTTP: 403, 404, 409, 400 problem details with field errors.</summary>
public static class ApiResults
{
    public static IResult Failure<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: result.Message),
        OperationStatus.Forbidden => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: result.Message),
        OperationStatus.Invalid => TypedResults.ValidationProblem(result.Errors, title: "Invalid input", detail: Summary(result.Errors)),
        OperationStatus.Conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: result.Message, extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
        OperationStatus.Stale => TypedResults.Problem(statusCode: 409, title: "Stale version", detail: result.Message),
        OperationStatus.Unprocessable => TypedResults.Problem(statusCode: 422, title: "Unprocessable", detail: result.Message,
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors, ["details"] = result.Details }),
        _ => throw new InvalidOperationException("Not a failure."),
    };

    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>Reads a version from If-Match ("3" or W/"3"); null when absent or not a version.</summary>
    public static int? VersionFromIfMatch(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.StartsWith("W/")) raw = raw[2..];
        return int.TryParse(raw.Trim('"'), out var v) ? v : null;
    }

    private static string Summary(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}

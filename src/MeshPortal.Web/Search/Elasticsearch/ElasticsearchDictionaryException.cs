using Elastic.Transport.Products.Elasticsearch;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// The Elasticsearch cluster refused a dictionary operation or could not be reached. The message says what was
/// being done and the cluster's own reason (its error type and reason, not the whole response).
/// </summary>
public sealed class ElasticsearchDictionaryException(string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status the cluster answered with; null when it could not be reached.</summary>
    public int? StatusCode { get; } = statusCode;

    internal static ElasticsearchDictionaryException From(ElasticsearchResponse response, string operation)
    {
        var details = response.ApiCallDetails;
        var status = details?.HttpStatusCode;
        if (response.ElasticsearchServerError?.Error is { } error)
            return new($"Elasticsearch refused {operation} (HTTP {response.ElasticsearchServerError.Status}): {Describe(error)}", status);
        if (status is null)
        {
            var cause = details?.OriginalException;
            return new($"Elasticsearch could not be reached for {operation}{At(details?.Uri)}: {(cause is null ? "no response" : Innermost(cause).Message)}", null, cause);
        }
        return new($"Elasticsearch answered {operation} with HTTP {status}{At(details?.Uri)}.", status, details?.OriginalException);
    }

    internal static ElasticsearchDictionaryException Unreachable(Exception e, string operation) =>
        new($"The Elasticsearch request for {operation} failed: {Innermost(e).Message}", null, e);

    /// <summary>"type: reason", then the root cause and the chain of causes when they add something.</summary>
    internal static string Describe(ErrorCause error)
    {
        var parts = new List<string> { Cause(error) };
        if (error is Error { RootCause: { Count: > 0 } roots })
            parts.AddRange(roots.Select(Cause));
        for (var cause = error.CausedBy; cause is not null && parts.Count < 6; cause = cause.CausedBy)
            parts.Add(Cause(cause));
        return string.Join("; caused by ", parts.Where(p => p.Length > 0).Distinct());
    }

    private static string Cause(ErrorCause c) =>
        string.IsNullOrEmpty(c.Reason) ? c.Type ?? "" : string.IsNullOrEmpty(c.Type) ? c.Reason : $"{c.Type}: {c.Reason}";

    // Scheme, host and path only: never credentials a URL might carry.
    private static string At(Uri? uri) => uri is null ? "" : $" ({uri.Scheme}://{uri.Authority}{uri.AbsolutePath})";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

using Microsoft.AspNetCore.Http.Metadata;

namespace MeshPortal.Web.Api;

/// <summary>
/// Refuses API bodies over <see cref="ApiExtensions.MaxBodyBytes"/> with 413 before anything reads them.
/// Kestrel's own per-request limit (set from the endpoint's RequestSizeLimit metadata) catches chunked bodies
/// that declare no length; this filter answers clearly when the length is declared.
/// </summary>
public sealed class BodySizeLimitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ApiExtensions.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body has {http.Request.ContentLength:N0} bytes; this endpoint accepts at most {limit:N0}.");
        return await next(context);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace MeshPortal.Web.Api;

public static class ApiExtensions
{
    /// <summary>API request bodies larger than this are refused with 413 (uploads get their own limits).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Kestrel refuses an oversized body while it is being read, before endpoint filters run, and the
            // bare 413 would not say what the limit is.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? MaxBodyBytes;
                context.ProblemDetails.Detail = string.Create(CultureInfo.InvariantCulture, $"The request body is too large: this endpoint accepts at most {limit:N0} bytes.");
            }
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            o.SerializerOptions.MaxDepth = 32;
        });
        // Binding failures (malformed JSON, wrong types) become exceptions the handler turns into problem details naming the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>The `/api/v1` group: bearer-token authentication, size limits, problem details.</summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app.MapGroup("/api/v1")
            .RequireAuthorization(MeshAuth.ApiPolicy)
            .AddEndpointFilter<BodySizeLimitFilter>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
    }
}

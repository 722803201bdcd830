using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshPortal.Web.Features.Quanta;

public static class QuantaApi
{
    public static RouteGroupBuilder MapQuantaApi(this RouteGroupBuilder api)
    {
        var quanta = api.MapGroup("/quanta").WithTags("Quanta");
        quanta.MapGet("/", List).WithName("ListQuanta").WithSummary("Quanta, filtered by domain, status, tier, tag, owner or text; paged.");
        quanta.MapGet("/{id:guid}", Get).WithName("GetQuantum").WithSummary("One quantum with its ports; its version is also the ETag.");
        quanta.MapGet("/{id:guid}/consumers", Consumers).WithName("GetQuantumConsumers").WithSummary("Quanta whose input ports read this one.");
        quanta.MapPost("/", Register).WithName("RegisterQuantum").WithSummary("Registers a quantum in a domain the caller is a member of.");
        quanta.MapPut("/{id:guid}", Update).WithName("UpdateQuantum").WithSummary("Replaces a quantum's fields and ports; send the version read (body or If-Match).");
        return api;
    }

    private static async Task<Results<Ok<Page<QuantumDto>>, ValidationProblem>> List(
        QuantumService quanta, CancellationToken ct,
        string? domain = null, string? status = null, string? tier = null, string? tag = null, string? owner = null, string? q = null, int? page = null, int? pageSize = null)
    {
        // A misspelt filter must not silently widen the result to everything.
        var errors = new ValidationErrors();
        if (!string.IsNullOrWhiteSpace(status) && !EnumText.TryParse<QuantumStatus>(status, out _))
            errors.Add("status", $"'{status}' is not a status; use {EnumText.Choices<QuantumStatus>()}.");
        if (!string.IsNullOrWhiteSpace(tier) && !EnumText.TryParse<Tier>(tier, out _))
            errors.Add("tier", $"'{tier}' is not a tier; use {EnumText.Choices<Tier>()}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid filter");
        return TypedResults.Ok(await quanta.QueryAsync(new QuantumQuery(domain, status, tier, tag, owner, q, page, pageSize), ct));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, QuantumService quanta)
    {
        if (await quanta.GetAsync(id, http.RequestAborted) is not { } quantum)
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no quantum {id}.");
        http.Response.Headers.ETag = ApiResults.ETag(quantum.Version);
        return TypedResults.Ok(quantum);
    }

    private static async Task<Ok<List<ConsumerDto>>> Consumers(Guid id, QuantumService quanta, CancellationToken ct) =>
        TypedResults.Ok(await quanta.ConsumersAsync(id, ct));

    private static async Task<IResult> Register(QuantumInput input, HttpContext http, QuantumService quanta)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await quanta.RegisterAsync(caller, input, http.RequestAborted);
        if (!result.Succeeded) return ApiResults.Failure(result);
        http.Response.Headers.ETag = ApiResults.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/quanta/{result.Value.Id}", result.Value);
    }

    private static async Task<IResult> Update(Guid id, QuantumInput input, HttpContext http, QuantumService quanta)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await quanta.UpdateAsync(caller, id, input, ApiResults.VersionFromIfMatch(http.Request), http.RequestAborted);
        if (!result.Succeeded) return ApiResults.Failure(result);
        http.Response.Headers.ETag = ApiResults.ETag(result.Value!.Version);
        return TypedResults.Ok(result.Value);
    }
}

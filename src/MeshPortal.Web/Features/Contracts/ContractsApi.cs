using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MeshPortal.Web.Features.Contracts;

public static class ContractsApi
{
    /// <summary>ODCS documents may be up to 5 MB; the parser refuses larger ones with a clear message.</summary>
    private const long DocumentBodyLimit = 5 * 1024 * 1024 + 64 * 1024;

    // Also the endpoints' Accepts metadata: routing answers 415 for any other type before a handler runs.
    private static readonly string[] DocumentTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    public static RouteGroupBuilder MapContractsApi(this RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");
        contracts.MapGet("/", List).WithName("ListContracts").WithSummary("Contracts with their latest and active versions; filter by domain or text.");
        contracts.MapPost("/", Import).WithName("ImportContract")
            .WithSummary("Imports an ODCS v3 document (YAML or JSON). ?quantum=<id>&port=<name> binds it to an output port; ?domain=<slug> names the owning domain.")
            .Accepts<string>(DocumentTypes[0], DocumentTypes[1..])
            .WithMetadata(new RequestSizeLimitAttribute(DocumentBodyLimit));
        contracts.MapGet("/{id}", Get).WithName("GetContract").WithSummary("A contract with its versions, statuses, bound ports and children.");
        contracts.MapGet("/{id}/versions/{version}", GetVersion).WithName("GetContractVersion").WithSummary("One version: authored and effective documents, ports serving and consuming it.");
        contracts.MapGet("/{id}/versions/{version}/odcs", Export).WithName("ExportContractVersion")
            .WithSummary("The ODCS document: YAML by default, JSON with Accept: application/json; effective (flattened) unless ?form=authored.");
        contracts.MapPut("/{id}/versions/{version}/odcs", UpdateDraft).WithName("UpdateContractDraft")
            .WithSummary("Replaces a proposed or draft version's document; send If-Match with the revision read.")
            .Accepts<string>(DocumentTypes[0], DocumentTypes[1..])
            .WithMetadata(new RequestSizeLimitAttribute(DocumentBodyLimit));
        contracts.MapDelete("/{id}/versions/{version}", DeleteDraft).WithName("DeleteContractDraft").WithSummary("Deletes a proposed or draft version no port is bound to.");
        contracts.MapGet("/{id}/diff", Diff).WithName("DiffContractVersions").WithSummary("Changes between two versions, each with its impact, and the semver bump they require.");
        contracts.MapPost("/{id}/versions/{version}/publish", Publish).WithName("PublishContractVersion")
            .WithSummary("Makes a draft active; 422 with the blocking changes when the version bump is smaller than they require.");
        contracts.MapPost("/{id}/versions/{version}/status", ChangeStatus).WithName("ChangeContractStatus").WithSummary("Deprecates, retires or reactivates a version.");
        api.MapPut("/quanta/{quantumId:guid}/ports/{port}/contract", Bind).WithTags("Contracts").WithName("BindPortContract")
            .WithSummary("Binds an output port (default) or, with ?direction=input, an input port to a contract version; an empty contractId unbinds.");
        return api;
    }

    private static async Task<Ok<List<ContractSummaryDto>>> List(ContractCatalog catalog, CancellationToken ct, string? domain = null, string? q = null) =>
        TypedResults.Ok(await catalog.ListAsync(domain, q, ct));

    private static async Task<IResult> Import(HttpContext http, ContractAuthoring authoring, Guid? quantum = null, string? port = null, string? domain = null)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        if (await ReadDocumentAsync(http) is not (true, var text)) return UnsupportedType(http);
        var result = await authoring.ImportAsync(caller, text, new ImportTarget(quantum, port, domain), http.RequestAborted);
        return result.Succeeded ? TypedResults.Created(result.Value!.Location, result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> Get(string id, ContractCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(id, ct) is { } contract ? TypedResults.Ok(contract) : NotFound($"There is no contract '{id}'.");

    private static async Task<IResult> GetVersion(string id, string version, HttpContext http, ContractCatalog catalog)
    {
        if (await catalog.GetVersionAsync(id, version, http.RequestAborted) is not { } dto) return NotFound($"Contract '{id}' has no version {version}.");
        http.Response.Headers.ETag = ApiResults.ETag(dto.Revision);
        return TypedResults.Ok(dto);
    }

    private static async Task<IResult> Export(string id, string version, HttpContext http, ContractCatalog catalog, string? form = null)
    {
        if (await catalog.DocumentAsync(id, version, form == "authored", http.RequestAborted) is not { } doc) return NotFound($"Contract '{id}' has no version {version}.");
        var json = http.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        return json
            ? TypedResults.Text(doc.ToJsonString(new() { WriteIndented = true }), "application/json")
            : TypedResults.Text(YamlJson.Write(doc), "application/yaml");
    }

    private static async Task<IResult> UpdateDraft(string id, string version, HttpContext http, ContractAuthoring authoring)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        if (await ReadDocumentAsync(http) is not (true, var text)) return UnsupportedType(http);
        var result = await authoring.UpdateDraftAsync(caller, id, version, text, ApiResults.VersionFromIfMatch(http.Request), http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> DeleteDraft(string id, string version, HttpContext http, ContractAuthoring authoring)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await authoring.DeleteDraftAsync(caller, id, version, http.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Failure(result);
    }

    private static async Task<IResult> Diff(string id, ContractCatalog catalog, CancellationToken ct, string? from = null, string? to = null)
    {
        var result = await catalog.DiffAsync(id, from, to, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> Publish(string id, string version, HttpContext http, ContractAuthoring authoring)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await authoring.PublishAsync(caller, id, version, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> ChangeStatus(string id, string version, StatusInput input, HttpContext http, ContractAuthoring authoring)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await authoring.ChangeStatusAsync(caller, id, version, input.Status, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> Bind(Guid quantumId, string port, BindingInput input, HttpContext http, ContractAuthoring authoring, string? direction = null)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var parsed = PortDirection.Output;
        if (direction is not null && !EnumText.TryParse(direction, out parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["direction"] = ["Use input or output."] });
        var result = await authoring.BindPortAsync(caller, quantumId, parsed, port, input, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<(bool Ok, string Text)> ReadDocumentAsync(HttpContext http)
    {
        var type = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not null && !DocumentTypes.Contains(type)) return (false, "");
        using var reader = new StreamReader(http.Request.Body);
        return (true, await reader.ReadToEndAsync(http.RequestAborted));
    }

    private static IResult UnsupportedType(HttpContext http) => TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
        detail: $"Send the ODCS document as application/yaml or application/json, not {http.Request.ContentType}.");

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail);
}

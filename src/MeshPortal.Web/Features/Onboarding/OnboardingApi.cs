using System.Globalization;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace MeshPortal.Web.Features.Onboarding;

public static partial class OnboardingApi
{
    public static RouteGroupBuilder MapOnboardingApi(this RouteGroupBuilder api)
    {
        var options = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<DataPlaneOptions>();
        var quanta = api.MapGroup("/quanta/{id:guid}").WithTags("Onboarding");
        quanta.MapPost("/sources", AddSource).WithName("AddSource")
            .WithSummary("Adds a source: multipart/form-data (a file part named file, after the fields name, outputPort, object) for an upload, or JSON for a connection, a composition or a server path.")
            .Accepts<SourceInput>("application/json", "multipart/form-data")
            .Produces<object>(StatusCodes.Status201Created)
            // The upload limit plus room for the multipart headers and form fields; JSON bodies keep the 1 MB limit (checked in the handler).
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxUploadBytes + MultipartAllowance));
        quanta.MapGet("/sources", ListSources).WithName("ListSources").WithSummary("The quantum's sources; connection strings are never returned, only where they point.");
        quanta.MapGet("/sources/{sourceId:guid}", GetSource).WithName("GetSource").WithSummary("One source.");
        quanta.MapDelete("/sources/{sourceId:guid}", DeleteSource).WithName("DeleteSource").WithSummary("Deletes a source (and its uploaded file); refused while it is being onboarded or scheduled.");
        quanta.MapPost("/sources/test", TestConnection).WithName("TestSourceConnection").WithSummary("Connects with a connection string and reads the table or query, without storing anything.");
        quanta.MapPost("/onboarding-runs", StartRun).WithName("StartOnboardingRun").WithSummary("Queues a run of one of the quantum's sources; 409 while another run of the quantum is queued or running.");
        quanta.MapGet("/onboarding-runs", History).WithName("ListOnboardingRuns").WithSummary("The quantum's onboarding runs, newest first.");
        quanta.MapGet("/onboarding-settings", GetSettings).WithName("GetOnboardingSettings").WithSummary("The gold SELECT and the schedule.");
        quanta.MapPut("/onboarding-settings", SaveSettings).WithName("SaveOnboardingSettings").WithSummary("Replaces the gold SELECT and the schedule (five-field cron, UTC, and the source it onboards).");
        quanta.MapGet("/layers", Overview).WithName("GetQuantumLayers").WithSummary("The published layers, and the contract's columns beside the ones loaded, as the caller may see them.");
        quanta.MapGet("/ports/{port}/data", Data).WithName("GetPortData")
            .WithSummary("Streams the port's published data (gold when there is one, else silver) as csv, json or parquet; sensitive columns are masked for readers outside the domain.")
            .Produces(StatusCodes.Status200OK, null, "text/csv", "application/json", ParquetType);
        quanta.MapGet("/quarantine", Quarantine).WithName("GetQuarantine").WithSummary("Rows that failed the contract, with the reasons (members of the domain only).");

        var runs = api.MapGroup("/onboarding-runs").WithTags("Onboarding");
        runs.MapGet("/{runId:guid}", GetRun).WithName("GetOnboardingRun").WithSummary("A run's status, phase, counts and error.");
        runs.MapPost("/{runId:guid}/cancel", CancelRun).WithName("CancelOnboardingRun").WithSummary("Cancels a queued run at once, or asks a running one to stop.");
        return api;
    }

    private const long MultipartAllowance = 1024 * 1024;
    private const string ParquetType = "application/vnd.apache.parquet";

    private static async Task<IResult> StartRun(Guid id, StartRunInput input, HttpContext http, OnboardingService onboarding)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        if (input.SourceId is not { } sourceId) return Invalid("sourceId", "Name the source to onboard: { \"sourceId\": \"…\" }.");
        var result = await onboarding.StartAsync(caller, id, sourceId, http.RequestAborted);
        return result.Succeeded ? TypedResults.Accepted($"/api/v1/onboarding-runs/{result.Value!.Id}", new { runId = result.Value.Id }) : ApiResults.Failure(result);
    }

    private static async Task<IResult> History(Guid id, OnboardingService onboarding, CancellationToken ct, int? take = null) =>
        TypedResults.Ok(await onboarding.HistoryAsync(id, take ?? 50, ct));

    private static async Task<IResult> GetRun(Guid runId, OnboardingService onboarding, CancellationToken ct) =>
        await onboarding.GetRunAsync(runId, ct) is { } run ? TypedResults.Ok(run) : NotFound($"There is no onboarding run {runId}.");

    private static async Task<IResult> CancelRun(Guid runId, HttpContext http, OnboardingService onboarding)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await onboarding.CancelAsync(caller, runId, http.RequestAborted);
        if (!result.Succeeded) return ApiResults.Failure(result);
        // Still running: the job was asked to stop and will within about a second.
        return result.Value!.Status == RunStatus.Running ? TypedResults.Accepted($"/api/v1/onboarding-runs/{runId}", result.Value) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> GetSettings(Guid id, OnboardingService onboarding, CancellationToken ct) =>
        TypedResults.Ok(await onboarding.GetSettingsAsync(id, ct));

    private static async Task<IResult> SaveSettings(Guid id, OnboardingSettingsModel input, HttpContext http, OnboardingService onboarding)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await onboarding.SaveSettingsAsync(caller, id, input, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> Overview(Guid id, HttpContext http, QuantumDataService data)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        return await data.OverviewAsync(caller, id, http.RequestAborted) is { } overview ? TypedResults.Ok(overview) : NotFound($"There is no quantum {id}.");
    }

    private static async Task<IResult> Data(Guid id, string port, HttpContext http, QuantumDataService data, QuantumDataReader reader,
        string? format = null, string? limit = null, string? offset = null, string? @object = null)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var errors = new ValidationErrors();
        (DataFormat Format, string ContentType, string Extension)? chosen = (format ?? "csv").Trim().ToLowerInvariant() switch
        {
            "csv" => (DataFormat.Csv, "text/csv; charset=utf-8", "csv"),
            "json" => (DataFormat.Json, "application/json; charset=utf-8", "json"),
            "parquet" => (DataFormat.Parquet, ParquetType, "parquet"),
            _ => null,
        };
        if (chosen is null) errors.Add("format", $"'{format}' is not a format; use csv, json or parquet.");
        var rows = ParseLong(limit, "limit", 1, errors);
        var skip = ParseLong(offset, "offset", 0, errors) ?? 0;
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid request");

        var result = await data.ExportAsync(caller, id, port, @object, http.RequestAborted);
        if (!result.Succeeded) return ApiResults.Failure(result);
        var export = result.Value!;
        http.Response.Headers["X-Layer"] = export.Layer.ToString().ToLowerInvariant();
        if (export.Masked.Count > 0) http.Response.Headers["X-Masked-Columns"] = string.Join(",", export.Masked.Order(StringComparer.Ordinal));
        var (fmt, contentType, extension) = chosen!.Value;
        return TypedResults.Stream(
            body => reader.WriteAsync(export.QuantumId, export.Layer, export.ObjectName, fmt, rows, skip, export.Masked, body, http.RequestAborted),
            contentType, $"{export.FileStem}.{extension}");
    }

    private static async Task<IResult> Quarantine(Guid id, HttpContext http, QuantumDataService data, string? @object = null, string? limit = null, string? offset = null)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var errors = new ValidationErrors();
        var rows = ParseLong(limit, "limit", 1, errors) ?? 100;
        var skip = ParseLong(offset, "offset", 0, errors) ?? 0;
        if (rows > QuantumDataService.MaxPageSize) errors.Add("limit", $"Ask for 1 to {QuantumDataService.MaxPageSize} rows.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid request");
        var result = await data.QuarantineAsync(caller, id, @object, (int)rows, skip, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static long? ParseLong(string? text, string field, long min, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min) return value;
        errors.Add(field, $"'{text}' is not a whole number of at least {min}.");
        return null;
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid input", detail: $"{field}: {message}");

    private static IResult NotFound(string detail) => TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail);
}

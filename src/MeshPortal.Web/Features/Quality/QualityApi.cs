using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Domains;

namespace MeshPortal.Web.Features.Quality;

public static class QualityApi
{
    public static RouteGroupBuilder MapQualityApi(this RouteGroupBuilder api)
    {
        var quanta = api.MapGroup("/quanta/{id:guid}").WithTags("Quality");
        quanta.MapPost("/quality-runs", Start).WithName("StartQualityRun")
            .WithSummary("Queues a run of the contract's quality rules on the quantum's published data; 409 while one is queued or running, 422 when nothing is published.")
            .Produces<object>(StatusCodes.Status202Accepted);
        quanta.MapGet("/quality-runs", History).WithName("ListQualityRuns").WithSummary("The quantum's quality runs, newest first, without their results.");
        quanta.MapGet("/quality-runs/latest", Latest).WithName("GetLatestQualityRun")
            .WithSummary("The latest finished quality run of the published data, with every rule's result, failing first.");
        quanta.MapGet("/quality", Overview).WithName("GetQuantumQuality")
            .WithSummary("The quantum's quality at a glance: latest run, score trend, freshness against the SLA, settings.");
        quanta.MapGet("/quality-settings", GetSettings).WithName("GetQualitySettings").WithSummary("Whether failing data is blocked from publishing, and the quality schedule.");
        quanta.MapPut("/quality-settings", SaveSettings).WithName("SaveQualitySettings")
            .WithSummary("Replaces the quality settings: blockPublishOnFailure and cron (five fields, UTC; null for none).");

        api.MapGet("/quality-runs/{runId:guid}", GetRun).WithTags("Quality").WithName("GetQualityRun")
            .WithSummary("One quality run: status, score, and every rule's result, failing first.");
        api.MapGet("/quality/dashboard", Dashboard).WithTags("Quality").WithName("GetQualityDashboard")
            .WithSummary("Quality score by domain and tier, quanta failing their contracts, stale quanta, and the daily trend; for one domain or the whole mesh.");
        return api;
    }

    private static async Task<IResult> Start(Guid id, HttpContext http, QualityService quality)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await quality.StartAsync(caller, id, http.RequestAborted);
        return result.Succeeded
            ? TypedResults.Accepted($"/api/v1/quality-runs/{result.Value!.Id}", new { runId = result.Value.Id })
            : ApiResults.Failure(result);
    }

    private static async Task<IResult> History(Guid id, QualityService quality, CancellationToken ct, int? take = null) =>
        TypedResults.Ok(await quality.HistoryAsync(id, take ?? 50, ct));

    private static async Task<IResult> Latest(Guid id, QualityService quality, CancellationToken ct) =>
        await quality.LatestAsync(id, ct) is { } run
            ? TypedResults.Ok(QualityRunResponse.From(run))
            : NotFound($"Quantum {id} has no finished quality run yet.");

    private static async Task<IResult> GetRun(Guid runId, QualityService quality, CancellationToken ct) =>
        await quality.GetRunAsync(runId, ct) is { } run ? TypedResults.Ok(QualityRunResponse.From(run)) : NotFound($"There is no quality run {runId}.");

    private static async Task<IResult> Overview(Guid id, HttpContext http, QualityService quality)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        return await quality.QuantumAsync(caller, id, http.RequestAborted) is { } overview ? TypedResults.Ok(overview) : NotFound($"There is no quantum {id}.");
    }

    private static async Task<IResult> GetSettings(Guid id, HttpContext http, QualityService quality)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        return await quality.QuantumAsync(caller, id, http.RequestAborted) is { } q
            ? TypedResults.Ok(new QualitySettingsDto(q.BlockPublishOnFailure, q.QualityCron))
            : NotFound($"There is no quantum {id}.");
    }

    private static async Task<IResult> SaveSettings(Guid id, QualitySettingsInput input, HttpContext http, QualityService quality)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        // The schedule first: when Hangfire refuses the cron, nothing is changed.
        var schedule = await quality.SetScheduleAsync(caller, id, input.Cron, http.RequestAborted);
        if (!schedule.Succeeded) return ApiResults.Failure(schedule);
        var block = await quality.SetBlockPublishAsync(caller, id, input.BlockPublishOnFailure ?? false, http.RequestAborted);
        return block.Succeeded ? TypedResults.Ok(new QualitySettingsDto(block.Value, schedule.Value)) : ApiResults.Failure(block);
    }

    private static async Task<IResult> Dashboard(QualityService quality, DomainService domains, CancellationToken ct, string? domain = null)
    {
        if (!string.IsNullOrWhiteSpace(domain) && await domains.GetAsync(domain.Trim(), ct) is null) return NotFound($"There is no domain '{domain}'.");
        return TypedResults.Ok(await quality.DashboardAsync(domain, ct));
    }

    private static IResult NotFound(string detail) => TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail);
}

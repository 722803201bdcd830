using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Features.Jobs;

public static class JobRunsApi
{
    public static RouteGroupBuilder MapJobRunsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/job-runs", List).WithTags("Jobs").WithName("ListJobRuns")
            .WithSummary("Onboarding and quality runs of every quantum, newest first, with the runs under way, the last day's outcomes and 14 days by day. "
                         + "Filters: kind (onboarding, quality), status (active, failed), domain (slug), mine (true: the caller's domains), take (1–1000).");
        return api;
    }

    private static async Task<IResult> List(HttpContext http, JobRunsService jobs, DomainService domains,
        string? kind = null, string? status = null, string? domain = null, string? mine = null, string? take = null)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var errors = new ValidationErrors();
        JobKind? kindFilter = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "onboarding" => JobKind.Onboarding,
            "quality" => JobKind.Quality,
            _ => Invalid<JobKind>("kind", $"'{kind}' is not a kind of job; use onboarding or quality."),
        };
        var statusFilter = status?.Trim().ToLowerInvariant() switch
        {
            null or "" => JobStatusFilter.All,
            "active" => JobStatusFilter.Active,
            "failed" => JobStatusFilter.Failed,
            _ => Invalid<JobStatusFilter>("status", $"'{status}' is not a status filter; use active (queued or running) or failed."),
        };
        var mineFilter = false;
        if (mine is not null && !bool.TryParse(mine, out mineFilter)) errors.Add("mine", $"'{mine}' is not true or false.");
        var count = JobRunsService.PageSize;
        if (take is not null && (!int.TryParse(take, out count) || count is < 1 or > JobRunsService.MaxTake))
            errors.Add("take", $"'{take}' is not a number from 1 to {JobRunsService.MaxTake}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid request");

        var filter = new JobRunFilter(kindFilter, statusFilter, string.IsNullOrWhiteSpace(domain) ? null : domain.Trim(), mineFilter);
        if (filter.Domain is { } slug && await domains.IdOfAsync(slug, http.RequestAborted) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no domain '{slug}'.");
        return TypedResults.Ok(await jobs.OverviewAsync(caller, filter, count, http.RequestAborted));

        T Invalid<T>(string field, string message) where T : struct
        {
            errors.Add(field, message);
            return default;
        }
    }
}

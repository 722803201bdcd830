using Hangfire;
using MeshPortal.Web.Api;
using MeshPortal.Web.Data;
using MeshPortal.Web.Search.Elasticsearch;
using MeshPortal.Web.Search.Indexing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Search;

public static class SearchApi
{
    public sealed record RebuildDto(Guid Id, string Status, DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Expected, long Indexed, string? Error);

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Dictionary");
        search.MapGet("/", Search).WithName("Search")
            .WithSummary("Searches the dictionary (domains, quanta, contracts, objects, columns) with facets and highlights.");
        search.MapGet("/suggest", Suggest).WithName("Suggest").WithSummary("Typeahead suggestions for a prefix.");
        search.MapPost("/rebuild", Rebuild).WithName("RebuildDictionary").WithSummary("Starts a full rebuild of the dictionary (platform admins).");
        search.MapGet("/rebuilds/{id:guid}", GetRebuild).WithName("GetDictionaryRebuild").WithSummary("A rebuild's status and progress.");
        return api;
    }

    private static async Task<IResult> Search(IDictionaryIndex index, CancellationToken ct,
        string? q = null, string? type = null, string? domain = null, string? tier = null, string? tag = null,
        string? classification = null, string? status = null, int? page = null, int? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > SearchRequest.MaxPageSize) errors["pageSize"] = [$"Use a page size from 1 to {SearchRequest.MaxPageSize}."];
        if (type is not null && !DictionaryTypes.All.Contains(type)) errors["type"] = [$"'{type}' is not a type; use {string.Join(", ", DictionaryTypes.All)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid search");
        var request = new SearchRequest
        {
            Text = q, Type = type, Domain = domain, Tier = tier, Tag = tag, Classification = classification, Status = status,
            Page = page ?? 1, PageSize = pageSize ?? 20,
        };
        try
        {
            return TypedResults.Ok(await index.SearchAsync(request, ct));
        }
        catch (SearchQueryException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [e.Message] }, title: "Invalid search");
        }
        catch (ElasticsearchDictionaryException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<IResult> Suggest(IDictionaryIndex index, CancellationToken ct, string? q = null, int? limit = null)
    {
        if (string.IsNullOrWhiteSpace(q)) return TypedResults.Ok(Array.Empty<Suggestion>());
        try
        {
            return TypedResults.Ok(await index.SuggestAsync(q.Length > SearchRequest.MaxQueryLength ? q[..SearchRequest.MaxQueryLength] : q, Math.Clamp(limit ?? 8, 1, 20), ct));
        }
        catch (ElasticsearchDictionaryException e)
        {
            return Unavailable(e);
        }
    }

    /// <summary>The search cluster is down or refused the request: the portal stays up and says so.</summary>
    private static ProblemHttpResult Unavailable(ElasticsearchDictionaryException e) =>
        TypedResults.Problem(statusCode: 503, title: "Search unavailable", detail: e.Message);

    private static async Task<IResult> Rebuild(HttpContext http, IDbContextFactory<MeshDbContext> factory, IBackgroundJobClient jobs, TimeProvider clock)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        if (!caller.IsPlatformAdmin) return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Only platform admins rebuild the dictionary.");
        var id = await DictionaryIndexer.RequestRebuildAsync(factory, jobs, clock, caller.Username, http.RequestAborted);
        return TypedResults.Accepted($"/api/v1/search/rebuilds/{id}", new { rebuildId = id });
    }

    private static async Task<IResult> GetRebuild(Guid id, IDbContextFactory<MeshDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.DictionaryRebuilds.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null
            ? TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no rebuild {id}.")
            : TypedResults.Ok(ToDto(r));
    }

    public static RebuildDto ToDto(DictionaryRebuild r) => new(r.Id, r.Status, r.RequestedAt, r.RequestedBy, r.StartedAt, r.FinishedAt, r.Expected, r.Indexed, r.Error);
}

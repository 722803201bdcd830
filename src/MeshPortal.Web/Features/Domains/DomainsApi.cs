using MeshPortal.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshPortal.Web.Features.Domains;

public static class DomainsApi
{
    public static RouteGroupBuilder MapDomainsApi(this RouteGroupBuilder api)
    {
        var domains = api.MapGroup("/domains").WithTags("Domains");
        domains.MapGet("/", List).WithName("ListDomains").WithSummary("Every domain with its members and number of quanta.");
        domains.MapGet("/{slug}", Get).WithName("GetDomain").WithSummary("One domain.");
        domains.MapPost("/", Create).WithName("CreateDomain").WithSummary("Creates a domain (platform admins and the CDO).");
        domains.MapPut("/{slug}/members/{username}", SetMember).WithName("SetDomainMember").WithSummary("Adds a member or changes their role (domain owners, admins, CDO).");
        domains.MapDelete("/{slug}/members/{username}", RemoveMember).WithName("RemoveDomainMember").WithSummary("Removes a member who owns no quanta.");
        return api;
    }

    private static async Task<Ok<List<DomainDto>>> List(DomainService domains, CancellationToken ct) =>
        TypedResults.Ok(await domains.ListAsync(ct));

    private static async Task<Results<Ok<DomainDto>, ProblemHttpResult>> Get(string slug, DomainService domains, CancellationToken ct) =>
        await domains.GetAsync(slug, ct) is { } domain
            ? TypedResults.Ok(domain)
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no domain '{slug}'.");

    private static async Task<IResult> Create(DomainInput input, HttpContext http, DomainService domains)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await domains.CreateAsync(caller, input, http.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/domains/{result.Value!.Slug}", result.Value)
            : ApiResults.Failure(result);
    }

    private static async Task<IResult> SetMember(string slug, string username, MemberInput input, HttpContext http, DomainService domains)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await domains.SetMemberAsync(caller, slug, username, input.Role, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }

    private static async Task<IResult> RemoveMember(string slug, string username, HttpContext http, DomainService domains)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await domains.RemoveMemberAsync(caller, slug, username, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiResults.Failure(result);
    }
}

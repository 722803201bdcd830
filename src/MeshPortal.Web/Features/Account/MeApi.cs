using MeshPortal.Web.Api;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Account;

public static class MeApi
{
    public sealed record DomainRoleDto(string Domain, string Role);
    public sealed record MeDto(string Username, string DisplayName, string? Email, IReadOnlyList<string> GlobalRoles, IReadOnlyList<DomainRoleDto> DomainRoles);

    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithSummary("Who the token belongs to, with their global and domain roles.").WithTags("Account");
        return api;
    }

    private static async Task<IResult> GetMe(HttpContext http, IDbContextFactory<MeshDbContext> factory)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
        var email = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).FirstOrDefaultAsync(http.RequestAborted);
        var domainRoles = await db.DomainMembers.Where(m => m.UserId == caller.UserId)
            .Select(m => new { m.Domain!.Slug, m.Role }).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new MeDto(
            caller.Username, caller.DisplayName, email,
            caller.GlobalRoles.Select(EnumText.Of).Order().ToList(),
            domainRoles.Select(r => new DomainRoleDto(r.Slug, EnumText.Of(r.Role))).OrderBy(r => r.Domain).ToList()));
    }
}

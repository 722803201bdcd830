using MeshPortal.Domain.Identity;
using MeshPortal.Web.Identity;

namespace MeshPortal.Web.Api;

public static class CallerExtensions
{
    /// <summary>The API caller; the group's policy guarantees an authenticated principal, so null means the user vanished.</summary>
    public static Task<Caller?> CallerAsync(this HttpContext http) =>
        http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http.User, http.RequestAborted);

    public static IResult UnknownCaller() =>
        TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: "The token's user no longer exists.");
}

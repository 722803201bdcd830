using Hangfire.Dashboard;
using MeshPortal.Web.Identity;

namespace MeshPortal.Web.Features.Jobs;

/// <summary>The Hangfire dashboard can retry and delete jobs: platform admins only, checked against the role table.</summary>
public sealed class PlatformAdminDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var caller = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http.User, http.RequestAborted);
        return caller?.IsPlatformAdmin == true;
    }
}

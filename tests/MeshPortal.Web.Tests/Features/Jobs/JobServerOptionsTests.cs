using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeshPortal.Web.Tests.Features.Jobs;

[Collection(PortalCollection.Name)]
public class JobServerOptionsTests(PortalFactory portal)
{
    /// <summary>`MeshPortal:Jobs:RunServer=false` (a web-only instance) starts no Hangfire server.</summary>
    [Fact]
    public void RunServerFalse_StartsNoJobServer() =>
        Assert.DoesNotContain(portal.Services.GetServices<IHostedService>(), s => s.GetType().Name == "BackgroundJobServerHostedService");
}

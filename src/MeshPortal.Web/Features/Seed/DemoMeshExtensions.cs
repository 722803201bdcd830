using MeshPortal.Web.Data;

namespace MeshPortal.Web.Features.Seed;

public static class DemoMeshExtensions
{
    /// <summary>The demo personas and mesh, in local mode only, on first start (an empty database).</summary>
    public static WebApplicationBuilder AddDemoMesh(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStartupSeeder, DemoMeshSeeder>();
        return builder;
    }
}

using MeshPortal.Web.Data;

namespace MeshPortal.Web.Features.Seed;

public static class DemoMeshExtensions
{
    /// <summary>The demo personas, mesh, contracts and sample data, in local mode only, on first start (an empty database).</summary>
    public static WebApplicationBuilder AddDemoMesh(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStartupSeeder, DemoMeshSeeder>();
        // Seeders run in registration order: the contracts need the mesh's quanta and personas.
        builder.Services.AddSingleton<IStartupSeeder, DemoContractsSeeder>();
        // And the sample data needs the contracts bound to the ports.
        builder.Services.AddSingleton<IStartupSeeder, Data.DemoDataSeeder>();
        builder.Services.AddTransient<Data.DemoDataJob>();
        return builder;
    }
}

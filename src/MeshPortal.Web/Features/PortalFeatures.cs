using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Features;

public static class PortalFeatures
{
    /// <summary>The feature services the UI and the API share.</summary>
    public static WebApplicationBuilder AddPortalFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DomainService>();
        builder.Services.AddSingleton<QuantumService>();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<ContractCatalog>();
        builder.Services.AddSingleton<ContractAuthoring>();
        return builder;
    }
}

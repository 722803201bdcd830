using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Quality;

namespace MeshPortal.Web.Features.Quality;

public static class QualityExtensions
{
    /// <summary>
    /// Quality runs of the contracts' rules on each quantum's published data (after each onboarding, on a schedule, on
    /// demand), the pre-publish gate, freshness against the SLA (hourly), the standings lists and dashboards read, and the
    /// start-up recovery of runs a stopped process left behind. Needs <c>AddOnboarding</c> (the data engine).
    /// </summary>
    public static WebApplicationBuilder AddQuality(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new QualityEngine(sp.GetRequiredService<DataPlaneOptions>()));
        services.AddSingleton<PublishedData>();
        services.AddSingleton<StandingWriter>();
        services.AddSingleton<QualityService>();
        services.AddSingleton<QualityGate>();
        services.AddTransient<QualityJob>();
        services.AddTransient<FreshnessJob>();
        services.AddTransient<QualityRecovery>();
        services.AddHostedService<QualityStartup>();
        return builder;
    }
}

using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Web.Infrastructure;

namespace MeshPortal.Web.Features.Onboarding;

public static class OnboardingExtensions
{
    public const string Section = "MeshPortal:DataPlane";

    /// <summary>
    /// Onboarding bronze → silver → gold: the data engine (DuckDB, one file per quantum under
    /// <c>MeshPortal:DataPlane:RootPath</c>), the source readers, the services the UI and the API share, the Hangfire
    /// job, and the start-up recovery of runs a stopped process left behind.
    /// </summary>
    public static WebApplicationBuilder AddOnboarding(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DataFolder>()));
        services.AddSingleton<QuantumStorage>();
        services.AddSingleton<QuantumDataReader>();
        // Every reader the data plane ships (files, relational databases, compositions) joins the engine.
        foreach (var reader in typeof(ISourceReader).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISourceReader).IsAssignableFrom(t)))
            services.AddSingleton(typeof(ISourceReader), reader);
        services.AddSingleton<OnboardingEngine>();

        services.AddSingleton<SourceConnectionTester>();
        services.AddSingleton<SourceConnections>();
        services.AddSingleton<SourceService>();
        services.AddSingleton<OnboardingService>();
        services.AddSingleton<QuantumDataService>();
        services.AddTransient<OnboardingJob>();
        services.AddSingleton(new OnboardingProcess(TimeProvider.System.GetUtcNow()));
        services.AddTransient<OnboardingRecovery>();
        services.AddHostedService<OnboardingStartup>();
        return builder;
    }

    /// <summary>The bound settings, with the defaults that depend on the data folder filled in.</summary>
    public static DataPlaneOptions ReadOptions(IConfiguration configuration, DataFolder folder)
    {
        var options = configuration.GetSection(Section).Get<DataPlaneOptions>() ?? new DataPlaneOptions();
        options.RootPath = Path.GetFullPath(string.IsNullOrWhiteSpace(options.RootPath) ? folder.File("quanta") : options.RootPath);
        if (string.IsNullOrWhiteSpace(options.AllowedFileRoot)) options.AllowedFileRoot = null;
        if (options.MaxUploadBytes <= 0) throw new InvalidOperationException($"{Section}:MaxUploadBytes must be a positive number of bytes.");
        if (options.UserSqlTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:UserSqlTimeout must be a positive time span, e.g. 00:05:00.");
        return options;
    }
}

using MeshPortal.DataPlane.Storage;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Onboarding;

/// <summary>
/// The app with its Hangfire server running (runs really execute, on DuckDB), a folder server-path and SQLite sources
/// may be read from, and a small upload limit so "too large" is cheap to provoke.
/// </summary>
public sealed class OnboardingPortalFactory : PortalFactory
{
    public const long UploadLimit = 256 * 1024;

    public OnboardingPortalFactory() => Directory.CreateDirectory(FileRoot);

    /// <summary>MeshPortal:DataPlane:AllowedFileRoot.</summary>
    public string FileRoot => Path.Combine(DataFolder, "landing");

    protected override bool RunJobServer => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MeshPortal:DataPlane:MaxUploadBytes", UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MeshPortal:DataPlane:AllowedFileRoot", FileRoot);
    }

    /// <summary>Where the quantum's uploads are kept.</summary>
    public string FilesOf(Guid quantumId) => Services.GetRequiredService<QuantumStorage>().FilesDirectory(quantumId);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeshPortal.Web.Data;

/// <summary>
/// Applies migrations at start-up in the embedded mode (SQLite). In production (SQL Server) the schema is
/// deployed from the generated script by the operator, so the app only checks it (see /health/ready).
/// Runs before the web server accepts requests because hosted services start in order.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<MeshDbContext> factory, IOptions<DatabaseOptions> options, IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (options.Value.Provider == DatabaseProvider.Sqlite || options.Value.ApplyMigrationsAtStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        foreach (var seeder in services.GetServices<IStartupSeeder>())
            await seeder.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Runs once the schema is in place, in registration order.</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}

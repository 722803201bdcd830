using Hangfire;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Identity;

/// <summary>
/// Daily: deletes access tokens that expired or were revoked more than <see cref="RetentionDays"/> days ago.
/// Expired tokens already fail authentication; keeping them a while lets users see why a script stopped working.
/// </summary>
public sealed class AccessTokenHousekeepingJob(IDbContextFactory<MeshDbContext> factory, TimeProvider clock, ILogger<AccessTokenHousekeepingJob> logger)
{
    public const string RecurringId = "access-token-housekeeping";
    public const int RetentionDays = 30;

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-RetentionDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        var removed = await db.AccessTokens.Where(t => t.ExpiresAt < cutoff || t.RevokedAt < cutoff).ExecuteDeleteAsync(ct);
        logger.LogInformation("Removed {Count} access token(s) expired or revoked before {Cutoff:u}", removed, cutoff);
        return removed;
    }
}

/// <summary>Registers the recurring job once Hangfire's storage is up.</summary>
internal sealed class AccessTokenHousekeepingRegistration(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<AccessTokenHousekeepingJob>(AccessTokenHousekeepingJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

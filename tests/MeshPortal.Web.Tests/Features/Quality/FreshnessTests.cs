using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using MeshPortal.DataPlane.Quality;
using MeshPortal.DataPlane.Serving;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// Freshness against the SLA's latency, measured from the last successful load with a clock the test moves: fresh up to
/// the limit, stale past it; the hourly job stores it for the dashboards and logs a quantum the moment it turns stale.
/// </summary>
[Collection(PortalCollection.Name)]
public class FreshnessTests(PortalFactory portal)
{
    private const int LatencyHours = 2;

    private sealed class LogList : ILogger<FreshnessJob>
    {
        public List<string> Warnings { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }

    private T Service<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private QualityService QualityAt(TimeProvider clock) => new(Service<IDbContextFactory<MeshDbContext>>(), Service<IBackgroundJobClient>(),
        Service<IRecurringJobManager>(), Service<JobStorage>(), Service<QuantumDataReader>(), clock, NullLogger<QualityService>.Instance);

    private async Task<Caller> CallerAsync(string username)
    {
        await using var db = portal.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Username == username);
        var roles = await db.DomainMembers.AsNoTracking().Where(m => m.UserId == user.Id).ToDictionaryAsync(m => m.DomainId, m => m.Role);
        return new Caller(user.Id, user.Username, user.DisplayName, user.GlobalRoles.ToHashSet(), roles);
    }

    [Fact]
    public async Task Latency_IsFreshUpToTheLimit_StalePastIt_AndTheHourlyJobStoresAndLogsIt()
    {
        var quantum = await portal.QualityQuantumAsync(latencyHours: LatencyHours);
        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.PassingCsv());
        DateTimeOffset loaded;
        await using (var db = portal.CreateDbContext())
            loaded = (await QualityTargets.LastLoadAsync(db, quantum.Id, default))!.FinishedAt!.Value;
        var clock = new FakeTimeProvider(loaded.AddHours(1));
        var log = new LogList();
        var job = new FreshnessJob(Service<IDbContextFactory<MeshDbContext>>(), new StandingWriter(Service<IDbContextFactory<MeshDbContext>>(), clock), log);
        var caller = await CallerAsync("consumer");

        await job.RunAsync(default);
        var early = await QualityAt(clock).QuantumAsync(caller, quantum.Id);
        clock.SetUtcNow(loaded.AddHours(LatencyHours));
        await job.RunAsync(default);
        var atLimit = await QualityAt(clock).QuantumAsync(caller, quantum.Id);
        var quietBefore = log.Warnings.Count(w => w.Contains(quantum.Id.ToString()));
        clock.Advance(TimeSpan.FromSeconds(1));
        var staleCount = await job.RunAsync(default);
        var late = await QualityAt(clock).QuantumAsync(caller, quantum.Id);
        var staleAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(1));
        await job.RunAsync(default);

        Assert.Equal((false, true), (early!.Freshness!.Stale, early.Freshness.Result.IsFresh!.Value));
        Assert.Equal(TimeSpan.FromHours(1), early.Freshness.Result.Entries.Single().Age);
        Assert.Equal((false, FreshnessStatus.Fresh), (atLimit!.Freshness!.Stale, atLimit.Freshness.Result.Entries.Single().Status));
        Assert.Equal(0, quietBefore);
        Assert.Equal((true, FreshnessStatus.Stale), (late!.Freshness!.Stale, late.Freshness.Result.Entries.Single().Status));
        Assert.Equal(TimeSpan.FromHours(LatencyHours), late.Freshness.Result.Entries.Single().Limit);
        Assert.True(staleCount >= 1);
        // Logged once, when it turned stale; "stale since" stays that moment.
        Assert.Single(log.Warnings, w => w.Contains(quantum.Id.ToString()) && w.Contains("is stale") && w.Contains("latency"));
        await using (var db = portal.CreateDbContext())
        {
            var standing = await db.QualityStandings.SingleAsync(s => s.QuantumId == quantum.Id);
            Assert.Equal((true, staleAt, loaded), (standing.Stale, standing.StaleSince, standing.LastLoadAt));
            Assert.Contains("latency limit 2 h", standing.Freshness);
        }
        // The dashboards and the quanta API read the stored verdict.
        var dashboard = await (await portal.ClientFor("cdo").GetAsync("/api/v1/quality/dashboard?domain=sales")).ReadAsync<JsonElement>();
        var row = dashboard.GetProperty("quanta").EnumerateArray().Single(q => q.GetProperty("quantumId").GetGuid() == quantum.Id);
        Assert.True(row.GetProperty("stale").GetBoolean());
        Assert.True((await portal.ClientFor("consumer").GetQuantumAsync(quantum.Id)).Quality!.Stale);

        // A new load makes it fresh again at once (the quality run after it refreshes the standing), without waiting for the hour.
        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.PassingCsv(first: 900));
        Assert.False((await portal.ClientFor("consumer").GetQuantumAsync(quantum.Id)).Quality!.Stale);
        await using (var db = portal.CreateDbContext())
            Assert.Null((await db.QualityStandings.SingleAsync(s => s.QuantumId == quantum.Id)).StaleSince);
    }

    [Fact]
    public void Startup_RegistersTheHourlyFreshnessCheck_AndTheRecoverySweep()
    {
        using var connection = Service<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();

        var freshness = Assert.Single(jobs, j => j.Id == FreshnessJob.RecurringId);
        var recovery = Assert.Single(jobs, j => j.Id == QualityRecovery.RecurringId);

        Assert.Equal((typeof(FreshnessJob), nameof(FreshnessJob.RunAsync), Cron.Hourly()), (freshness.Job.Type, freshness.Job.Method.Name, freshness.Cron));
        Assert.Equal((typeof(QualityRecovery), Cron.Minutely()), (recovery.Job.Type, recovery.Cron));
        Assert.Null(freshness.LoadException);
    }

    [Fact]
    public async Task NeverLoaded_HasNoStaleFlag_AndSaysSo()
    {
        var quantum = await portal.QualityQuantumAsync(latencyHours: LatencyHours);

        var quality = await Service<QualityService>().QuantumAsync(await CallerAsync("sales-owner"), quantum.Id);

        Assert.NotNull(quality);
        Assert.False(quality.HasPublishedData);
        Assert.True(quality.CanRun);
        Assert.Equal((false, FreshnessStatus.NeverLoaded), (quality.Freshness!.Stale, quality.Freshness.Result.Entries.Single().Status));
        Assert.Null(quality.Latest);
        Assert.Empty(quality.Trend);
    }
}

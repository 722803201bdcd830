using Hangfire;
using Hangfire.Storage;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeshPortal.Web.Tests.Features.Jobs;

/// <summary>The app started with its in-process Hangfire server, on its own SQLite job storage.</summary>
[Collection(PortalCollection.Name)]
public class RecurringJobRegistrationTests(JobsPortalFactory jobsPortal) : IClassFixture<JobsPortalFactory>
{
    [Fact]
    public void Start_RegistersTheDailyTokenHousekeeping()
    {
        using var connection = jobsPortal.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == AccessTokenHousekeepingJob.RecurringId);

        Assert.Equal(typeof(AccessTokenHousekeepingJob), job.Job.Type);
        Assert.Equal(nameof(AccessTokenHousekeepingJob.RunAsync), job.Job.Method.Name);
        Assert.Equal(Cron.Daily(3), job.Cron);
        Assert.Null(job.LoadException);
    }

    [Fact]
    public async Task Trigger_RunsTheJobOnTheInProcessServer()
    {
        var monitoring = jobsPortal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        // Other jobs (dictionary drains) run on the same server: count only this job's successes.
        int HousekeepingRuns() => monitoring.SucceededJobs(0, 500).Count(j => j.Value.Job?.Type == typeof(AccessTokenHousekeepingJob));
        var before = HousekeepingRuns();

        jobsPortal.Services.GetRequiredService<IRecurringJobManager>().Trigger(AccessTokenHousekeepingJob.RecurringId);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (HousekeepingRuns() == before && DateTime.UtcNow < deadline)
        {
            Assert.DoesNotContain(monitoring.FailedJobs(0, 100), j => j.Value.Job?.Type == typeof(AccessTokenHousekeepingJob));
            await Task.Delay(100);
        }
        Assert.Equal(before + 1, HousekeepingRuns());
    }

    [Fact]
    public void RunServerTrue_StartsTheJobServer()
    {
        Assert.Contains(jobsPortal.Services.GetServices<IHostedService>(), s => s.GetType().Name == "BackgroundJobServerHostedService");
    }

    [Fact]
    public async Task Dashboard_WithoutSignIn_IsRefused()
    {
        var response = await jobsPortal.CreateClient().GetAsync("/jobs");
        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }
}

using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Storage;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Onboarding;

/// <summary>The schedule (a Hangfire recurring job per quantum), the gold SELECT's check, and the recovery of runs a dead process left.</summary>
[Collection(PortalCollection.Name)]
public class OnboardingScheduleAndRecoveryTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private Task<HttpResponseMessage> PutSettingsAsync(Guid quantumId, string? cron, Guid? sourceId, string? goldSql = null) =>
        _owner.PutAsJsonAsync($"/api/v1/quanta/{quantumId}/onboarding-settings", new { goldSql, cron, scheduledSourceId = sourceId });

    private RecurringJobDto? Recurring(Guid quantumId)
    {
        using var connection = portal.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().FirstOrDefault(j => j.Id == OnboardingService.ScheduleJobId(quantumId));
    }

    [Fact]
    public async Task Schedule_WithAValidCron_RegistersTheRecurringJob_AndClearingItRemovesIt()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);

        var saved = await (await PutSettingsAsync(quantum.Id, " 30  6 * * 1-5 ", sourceId)).ReadAsync<OnboardingSettingsModel>();

        Assert.Equal(("30 6 * * 1-5", sourceId), (saved.Cron, saved.ScheduledSourceId));
        var job = Recurring(quantum.Id);
        Assert.NotNull(job);
        Assert.Equal("30 6 * * 1-5", job.Cron);
        Assert.Equal(typeof(OnboardingJob), job.Job.Type);
        Assert.Equal(nameof(OnboardingJob.RunScheduledAsync), job.Job.Method.Name);
        Assert.Equal(quantum.Id, job.Job.Args[0]);
        Assert.Equal("UTC", job.TimeZoneId);
        await (await _owner.DeleteAsync($"/api/v1/quanta/{quantum.Id}/sources/{sourceId}")).ProblemAsync(HttpStatusCode.Conflict);

        var cleared = await (await PutSettingsAsync(quantum.Id, null, sourceId)).ReadAsync<OnboardingSettingsModel>();

        Assert.Null(cleared.Cron);
        Assert.Null(Recurring(quantum.Id));
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("0 0 31 2 *")]
    [InlineData("every day")]
    [InlineData("0 0 * * * *")]
    public async Task Schedule_WithABadCron_Returns400OnCron_AndRegistersNothing(string cron)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);

        var problem = await (await PutSettingsAsync(quantum.Id, cron, sourceId)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["cron"], problem.ErrorFields());
        Assert.Null(Recurring(quantum.Id));
        Assert.Null((await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/onboarding-settings")).ReadAsync<OnboardingSettingsModel>()).Cron);
    }

    [Fact]
    public async Task Schedule_WithoutASource_Returns400OnScheduledSourceId()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var problem = await (await PutSettingsAsync(quantum.Id, "0 2 * * *", null)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["scheduledSourceId"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("DELETE FROM silver")]
    [InlineData("SELECT * FROM silver; DROP TABLE silver")]
    [InlineData("COPY silver TO '/tmp/x.csv'")]
    public async Task GoldSql_ThatIsNotOneReadOnlySelect_Returns400OnGoldSql(string sql)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var problem = await (await PutSettingsAsync(quantum.Id, null, null, sql)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["goldSql"], problem.ErrorFields());
    }

    [Fact]
    public async Task ScheduledRun_QueuesARunOfTheScheduledSource_TriggeredBySchedule()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);
        await (await PutSettingsAsync(quantum.Id, "0 2 * * *", sourceId)).ReadAsync<OnboardingSettingsModel>();

        // What the recurring job does when it fires (no job server runs here, so the run stays queued).
        var result = await portal.Services.GetRequiredService<OnboardingService>().StartScheduledAsync(quantum.Id);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(("schedule", sourceId, RunStatus.Queued), (result.Value!.TriggeredBy, result.Value.SourceId, result.Value.Status));
        Assert.False((await portal.Services.GetRequiredService<OnboardingService>().StartScheduledAsync(quantum.Id)).Succeeded, "one run at a time");
    }

    [Fact]
    public async Task Recovery_MarksARunWhoseHeartbeatStopped_Failed_AndLeavesALiveOneRunning()
    {
        var (stale, _) = await portal.QuantumWithContractAsync();
        var (live, _) = await portal.QuantumWithContractAsync();
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var staleRun = NewRun(stale.Id, now.AddMinutes(-10), heartbeat: now.AddMinutes(-5));
        var liveRun = NewRun(live.Id, now.AddMinutes(-10), heartbeat: now.AddSeconds(-3));
        await using (var db = portal.CreateDbContext())
        {
            db.OnboardingRuns.AddRange(staleRun, liveRun);
            await db.SaveChangesAsync();
        }

        var recovered = await portal.Services.GetRequiredService<OnboardingRecovery>().RecoverAsync(atStartup: false);

        Assert.True(recovered >= 1);
        var failed = await _owner.GetRunAsync(staleRun.Id);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(OnboardingJob.Interrupted, failed.GetProperty("error").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, failed.GetProperty("finishedAt").ValueKind);
        Assert.Equal("running", (await _owner.GetRunAsync(liveRun.Id)).GetProperty("status").GetString());
        await using (var db = portal.CreateDbContext())
        {
            // Leave nothing running behind for the other tests of this app.
            db.OnboardingRuns.Remove(db.OnboardingRuns.Single(r => r.Id == liveRun.Id));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task RecoveryAtStartUp_InTheEmbeddedMode_FailsRunsOfTheDeadProcessOnly()
    {
        var (dead, _) = await portal.QuantumWithContractAsync();
        var (mine, _) = await portal.QuantumWithContractAsync();
        var started = portal.Services.GetRequiredService<OnboardingProcess>().StartedAt;
        // Left by the previous process: its heartbeat stopped before this one started, even if only just.
        var left = NewRun(dead.Id, started.AddMinutes(-1), heartbeat: started.AddSeconds(-1));
        // Claimed by this process's job server, which may start before the recovery runs.
        var current = NewRun(mine.Id, started.AddSeconds(1), heartbeat: started.AddSeconds(1));
        await using (var db = portal.CreateDbContext())
        {
            db.OnboardingRuns.AddRange(left, current);
            await db.SaveChangesAsync();
        }

        await portal.Services.GetRequiredService<OnboardingRecovery>().RecoverAsync(atStartup: true);

        Assert.Equal("failed", (await _owner.GetRunAsync(left.Id)).GetProperty("status").GetString());
        Assert.Equal("running", (await _owner.GetRunAsync(current.Id)).GetProperty("status").GetString());
        await using (var db = portal.CreateDbContext())
        {
            db.OnboardingRuns.Remove(db.OnboardingRuns.Single(r => r.Id == current.Id));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Recovery_MarksAQueuedRunWhoseJobIsGone_Failed()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lost = NewRun(quantum.Id, now.AddMinutes(-10), heartbeat: null, RunStatus.Queued);
        lost.JobId = "999999999";
        await using (var db = portal.CreateDbContext())
        {
            db.OnboardingRuns.Add(lost);
            await db.SaveChangesAsync();
        }

        await portal.Services.GetRequiredService<OnboardingRecovery>().RecoverAsync(atStartup: false);

        var run = await _owner.GetRunAsync(lost.Id);
        Assert.Equal(("failed", OnboardingRecovery.LostBeforeStart), (run.GetProperty("status").GetString(), run.GetProperty("error").GetString()));
    }

    private static OnboardingRun NewRun(Guid quantumId, DateTimeOffset queued, DateTimeOffset? heartbeat, RunStatus status = RunStatus.Running) => new()
    {
        QuantumId = quantumId,
        SourceId = Guid.NewGuid(),
        ContractId = "c",
        ContractVersion = "1.0.0",
        ObjectName = "orders",
        Status = status,
        Phase = status == RunStatus.Running ? "silver" : "queued",
        TriggeredBy = "test",
        QueuedAt = queued,
        StartedAt = status == RunStatus.Running ? queued : null,
        HeartbeatAt = heartbeat,
    };
}

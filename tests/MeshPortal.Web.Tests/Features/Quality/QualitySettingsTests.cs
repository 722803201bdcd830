using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>The quality settings: the schedule (a Hangfire recurring job per quantum, checked like the onboarding cron) and block-publish.</summary>
[Collection(PortalCollection.Name)]
public class QualitySettingsTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    private RecurringJobDto? Recurring(Guid quantumId)
    {
        using var connection = portal.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().FirstOrDefault(j => j.Id == QualityService.ScheduleJobId(quantumId));
    }

    [Fact]
    public async Task Schedule_RegistersTheRecurringJob_WhichQueuesARunTriggeredBySchedule_AndClearingItRemovesIt()
    {
        var quantum = await portal.QualityQuantumAsync();
        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.PassingCsv());

        var saved = await (await _owner.PutQualitySettingsAsync(quantum.Id, block: true, cron: " 0  6 * * 1-5 ")).ReadAsync<JsonElement>();
        var job = Recurring(quantum.Id);
        // What the recurring job does when it fires (no job server runs here, so the run stays queued).
        await portal.Services.GetRequiredService<QualityJob>().RunScheduledAsync(quantum.Id, default);
        var queued = (await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs")).ReadAsync<List<JsonElement>>())[0];
        await portal.Services.GetRequiredService<QualityJob>().RunScheduledAsync(quantum.Id, default);
        var cleared = await (await _owner.PutQualitySettingsAsync(quantum.Id, block: false, cron: null)).ReadAsync<JsonElement>();

        Assert.Equal((true, "0 6 * * 1-5"), (saved.GetProperty("blockPublishOnFailure").GetBoolean(), saved.GetProperty("cron").GetString()));
        Assert.NotNull(job);
        Assert.Equal(("0 6 * * 1-5", typeof(QualityJob), nameof(QualityJob.RunScheduledAsync), "UTC"), (job.Cron, job.Job.Type, job.Job.Method.Name, job.TimeZoneId));
        Assert.Equal(quantum.Id, job.Job.Args[0]);
        Assert.Equal(("schedule", "queued"), (queued.GetProperty("triggeredBy").GetString(), queued.GetProperty("status").GetString()));
        await using (var db = portal.CreateDbContext())
            Assert.Equal(1, await db.QualityRuns.CountAsync(r => r.QuantumId == quantum.Id && r.Status == RunStatus.Queued));
        Assert.Equal((false, JsonValueKind.Null), (cleared.GetProperty("blockPublishOnFailure").GetBoolean(), cleared.GetProperty("cron").ValueKind));
        Assert.Null(Recurring(quantum.Id));
        var reread = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/quality-settings")).ReadAsync<JsonElement>();
        Assert.Equal("{\"blockPublishOnFailure\":false,\"cron\":null}", reread.GetRawText());
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("0 0 31 2 *")]
    [InlineData("every hour")]
    public async Task Schedule_WithABadCron_Returns400OnCron_AndChangesNothing(string cron)
    {
        var quantum = await portal.QualityQuantumAsync();
        await (await _owner.PutQualitySettingsAsync(quantum.Id, block: false, cron: "0 2 * * *")).ReadAsync<JsonElement>();

        var problem = await (await _owner.PutQualitySettingsAsync(quantum.Id, block: true, cron: cron)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["cron"], problem.ErrorFields());
        Assert.Equal("0 2 * * *", Recurring(quantum.Id)?.Cron);
        var settings = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-settings")).ReadAsync<JsonElement>();
        Assert.Equal((false, "0 2 * * *"), (settings.GetProperty("blockPublishOnFailure").GetBoolean(), settings.GetProperty("cron").GetString()));
    }

    [Fact]
    public async Task SyncSchedules_PutsBackAStoredScheduleHangfireLost_AndRemovesOneNoLongerStored()
    {
        var quantum = await portal.QualityQuantumAsync();
        await (await _owner.PutQualitySettingsAsync(quantum.Id, block: false, cron: "15 3 * * *")).ReadAsync<JsonElement>();
        var orphan = Guid.NewGuid();
        var recurring = portal.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(QualityService.ScheduleJobId(quantum.Id));
        recurring.AddOrUpdate<QualityJob>(QualityService.ScheduleJobId(orphan), j => j.RunScheduledAsync(orphan, CancellationToken.None), "0 1 * * *");

        List<string> registered;
        using (var connection = portal.Services.GetRequiredService<JobStorage>().GetConnection())
            registered = connection.GetRecurringJobs().Select(j => j.Id).ToList();
        await portal.Services.GetRequiredService<QualityService>().SyncSchedulesAsync(registered);

        Assert.Equal("15 3 * * *", Recurring(quantum.Id)?.Cron);
        Assert.Null(Recurring(orphan));
    }
}

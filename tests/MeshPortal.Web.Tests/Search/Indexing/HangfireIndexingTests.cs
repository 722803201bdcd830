using System.Net;
using System.Text.Json;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Tests.Infrastructure;
using MeshPortal.Web.Tests.Search.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MeshPortal.Web.Tests.Search.Api.SearchApiClient;

namespace MeshPortal.Web.Tests.Search.Indexing;

/// <summary>
/// The whole path with the in-process Hangfire server running, as in the embedded default: a save enqueues the drain,
/// the server runs it, the API finds the change; an admin's rebuild runs as a job and reports its progress.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HangfireIndexingTests(JobsPortalFactory portal) : IClassFixture<JobsPortalFactory>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private HttpClient Admin => portal.ClientFor("admin");

    [Fact]
    public async Task RegisteredQuantum_IsFoundBySearch_WithinSeconds()
    {
        var word = UniqueWord("pangolin");

        var quantum = await portal.ClientFor("sales-owner").RegisterAsync("sales", name: "Pangolin returns " + word, tags: ["returns"]);

        var result = await Admin.SearchUntilAsync(word, r => r.Total > 0, Within);
        var mon = portal.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        File.AppendAllText("/tmp/poll.log", $"register test: found {result.Total}; failed {mon.FailedCount()} scheduled {mon.ScheduledCount()} enqueued {mon.EnqueuedCount("default")} processing {mon.ProcessingCount()}\n");
        foreach (var j in mon.FailedJobs(0, 100)) File.AppendAllText("/tmp/poll.log", $"failed {j.Key} {j.Value.Job?.Method.Name} {j.Value.ExceptionType} {j.Value.ExceptionMessage} {j.Value.ExceptionDetails}\n");
        foreach (var j in mon.ScheduledJobs(0, 100)) File.AppendAllText("/tmp/poll.log", $"scheduled {j.Key} {j.Value.Job?.Method.Name} {j.Value.EnqueueAt}\n");
        foreach (var j in mon.ProcessingJobs(0, 100)) File.AppendAllText("/tmp/poll.log", $"processing {j.Key} {j.Value.Job?.Method.Name} {j.Value.StartedAt}\n");
        await using (var db0 = portal.CreateDbContext()) foreach (var e in db0.DictionaryOutbox.Where(e => e.ProcessedAt == null || e.Attempts > 0).ToList()) File.AppendAllText("/tmp/poll.log", $"outbox {e.Id} {e.Source} {e.ProcessedAt} {e.Attempts} {e.LastError}\n");
        var hit = Assert.Single(result.Hits);
        Assert.Equal((DictionaryTypes.Quantum, "quantum:" + quantum.Id, "sales", $"sales/{quantum.Slug}"), (hit.Type, hit.Id, hit.Domain, hit.Quantum));
        Assert.Contains($"<mark>{word}</mark>", string.Join(" ", hit.Highlights));
        await using var db = portal.CreateDbContext();
        var source = DictionarySources.Quantum(quantum.Id);
        var deadline = DateTime.UtcNow + Within;
        while (await db.DictionaryOutbox.AnyAsync(e => e.Source == source && e.ProcessedAt == null) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(await db.DictionaryOutbox.AnyAsync(e => e.Source == source && e.ProcessedAt == null), "the drain marks its rows processed");
    }

    [Fact]
    public async Task Rebuild_ByAPlatformAdmin_RunsAsAJob_AndIndexesEveryEntry()
    {
        var response = await Admin.PostAsync("/api/v1/search/rebuild", null);

        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("rebuildId").GetGuid();
        Assert.Equal($"/api/v1/search/rebuilds/{id}", response.Headers.Location?.OriginalString);
        var rebuild = await PollAsync(id);
        var mon = portal.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        foreach (var j in mon.SucceededJobs(0, 100)) File.AppendAllText("/tmp/poll.log", $"job {j.Key} {j.Value.Job?.Method.Name} at {j.Value.SucceededAt:HH:mm:ss.fff} took {j.Value.TotalDuration}\n");
        foreach (var srv in mon.Servers()) File.AppendAllText("/tmp/poll.log", $"server {srv.Name} workers {srv.WorkersCount} queues {string.Join(",", srv.Queues)}\n");
        Assert.Equal("succeeded", rebuild.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rebuild.GetProperty("error").ValueKind);
        Assert.Equal("admin", rebuild.GetProperty("requestedBy").GetString());
        Assert.True(rebuild.GetProperty("startedAt").GetDateTimeOffset() <= rebuild.GetProperty("finishedAt").GetDateTimeOffset());
        var indexed = rebuild.GetProperty("indexed").GetInt64();
        Assert.Equal(indexed, rebuild.GetProperty("expected").GetInt64());

        long projected = 0;
        await foreach (var _ in portal.Services.GetRequiredService<DictionaryProjection>().AllAsync()) projected++;
        Assert.Equal(projected, indexed);
        var everything = await Admin.SearchAsync(("pageSize", 1));
        Assert.Equal(indexed, everything.Total);
        await using var db = portal.CreateDbContext();
        var types = everything.Facets["type"].ToDictionary(v => v.Value, v => v.Count);
        Assert.Equal(await db.Domains.LongCountAsync(), types[DictionaryTypes.Domain]);
        Assert.Equal(await db.Quanta.LongCountAsync(), types[DictionaryTypes.Quantum]);
        Assert.Equal(await db.Contracts.LongCountAsync(), types[DictionaryTypes.Contract]);
        Assert.True(types[DictionaryTypes.Column] > types[DictionaryTypes.Object], string.Join(", ", types));
    }

    private async Task<JsonElement> PollAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var rebuild = await (await Admin.GetAsync($"/api/v1/search/rebuilds/{id}")).JsonAsync();
            var status = rebuild.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "queued", "running", "succeeded", "failed" });
            File.AppendAllText("/tmp/poll.log", $"{DateTime.UtcNow:HH:mm:ss.fff} {rebuild}\n");
            if (status is "succeeded" or "failed" || DateTime.UtcNow > deadline) return rebuild;
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Text.Json;
using Hangfire;
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
    // The seed's saves queue a few dozen drains at start-up; on a busy machine the server needs a moment for them.
    private static readonly TimeSpan StartUpBacklog = TimeSpan.FromSeconds(40);

    private HttpClient Admin => portal.ClientFor("admin");

    [Fact]
    public async Task RegisteredQuantum_IsFoundBySearch_WithinSeconds()
    {
        await IdleJobServerAsync();
        var word = UniqueWord("pangolin");

        var quantum = await portal.ClientFor("sales-owner").RegisterAsync("sales", name: "Pangolin returns " + word, tags: ["returns"]);

        var result = await Admin.SearchUntilAsync(word, r => r.Total > 0, Within);
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
        await IdleJobServerAsync();
        var response = await Admin.PostAsync("/api/v1/search/rebuild", null);

        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("rebuildId").GetGuid();
        Assert.Equal($"/api/v1/search/rebuilds/{id}", response.Headers.Location?.OriginalString);
        var rebuild = await PollAsync(id);
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

    /// <summary>Waits until the job server has nothing queued or running, so the timings measured are the test's own.</summary>
    private async Task IdleJobServerAsync()
    {
        var monitoring = portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + StartUpBacklog;
        while ((monitoring.EnqueuedCount("default") > 0 || monitoring.ProcessingCount() > 0) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, monitoring.FailedCount());
    }

    private async Task<JsonElement> PollAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var rebuild = await (await Admin.GetAsync($"/api/v1/search/rebuilds/{id}")).JsonAsync();
            var status = rebuild.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "queued", "running", "succeeded", "failed" });
            if (status is "succeeded" or "failed" || DateTime.UtcNow > deadline) return rebuild;
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Text.Json;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Features.Onboarding;
using MeshPortal.Web.Tests.Features.Quality;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Jobs;

/// <summary>
/// The runs of every quantum on one list, on a domain of its own: a quantum onboarded and checked (two runs that
/// succeeded), one whose source lacks the contract's columns (a failed run), one whose run waits for a worker (queued).
/// </summary>
[Collection(PortalCollection.Name)]
public class JobRunsApiTests(PortalFactory portal)
{
    private sealed record Mesh(string Domain, RunSummary Onboarded, Guid QualityRunId, RunSummary Failed, Guid QueuedRunId);

    private async Task<Mesh> MeshWithRunsAsync()
    {
        var admin = portal.ClientFor("admin");
        var domain = await admin.CreateDomainAsync();
        await admin.SetMemberAsync(domain.Slug, "sales-owner", "data-product-owner");
        var checkedQuantum = await portal.QualityQuantumAsync(domain: domain.Slug);
        var broken = await portal.QualityQuantumAsync(domain: domain.Slug);
        var waiting = await portal.QualityQuantumAsync(domain: domain.Slug);

        var onboarded = await portal.OnboardInlineAsync(checkedQuantum.Id, QualityApiClient.OrdersCsv());
        var qualityRunId = await portal.RunQueuedQualityAsync(checkedQuantum.Id);
        var failed = await portal.OnboardInlineAsync(broken.Id, "sku,colour\nA-1,red\n");
        var owner = portal.ClientFor("sales-owner");
        // No job server in this collection: the run stays queued.
        var queued = await owner.StartRunIdAsync(waiting.Id, await owner.AddSourceAsync(waiting.Id, QualityApiClient.OrdersCsv()));
        Assert.Equal((RunStatus.Succeeded, RunStatus.Failed), (onboarded.Status, failed.Status));
        return new Mesh(domain.Slug, onboarded, qualityRunId, failed, queued);
    }

    private async Task<JsonElement> ListAsync(string query, string persona = "consumer") =>
        await (await portal.ClientFor(persona).GetAsync("/api/v1/job-runs?" + query)).ReadAsync<JsonElement>();

    private static JsonElement Run(JsonElement list, Guid id) => list.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task List_OfADomain_HasEveryRunNewestFirst_WithItsOutcome_AndTheFigures()
    {
        var mesh = await MeshWithRunsAsync();

        var list = await ListAsync($"domain={mesh.Domain}");

        var runs = list.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([mesh.QueuedRunId, mesh.Failed.Id, mesh.QualityRunId, mesh.Onboarded.Id], runs.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(["queued", "failed", "succeeded", "succeeded"], runs.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(["onboarding", "onboarding", "quality", "onboarding"], runs.Select(r => r.GetProperty("kind").GetString()));
        Assert.False(list.GetProperty("more").GetBoolean());

        var onboarded = Run(list, mesh.Onboarded.Id);
        Assert.Equal((20L, mesh.Onboarded.RowsValid, mesh.Onboarded.RowsQuarantined),
            (onboarded.GetProperty("rowsRead").GetInt64(), onboarded.GetProperty("rowsValid").GetInt64(), onboarded.GetProperty("rowsQuarantined").GetInt64()));
        Assert.EndsWith($" → {mesh.Onboarded.ObjectName}", onboarded.GetProperty("subject").GetString());
        Assert.Equal(mesh.Domain, onboarded.GetProperty("domainSlug").GetString());
        var quality = Run(list, mesh.QualityRunId);
        Assert.Equal((50.0, 3, true), (quality.GetProperty("score").GetDouble(), quality.GetProperty("rulesFailed").GetInt32(), quality.GetProperty("failsContract").GetBoolean()));
        Assert.Contains("no column", Run(list, mesh.Failed.Id).GetProperty("error").GetString());

        Assert.Equal((0, 1, 2, 1), (list.GetProperty("running").GetInt32(), list.GetProperty("queued").GetInt32(),
            list.GetProperty("succeededLastDay").GetInt32(), list.GetProperty("failedLastDay").GetInt32()));
        var days = list.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(14, days.Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.Parse(days[^1].GetProperty("day").GetString()!));
        Assert.Equal((2, 1, 0), (days[^1].GetProperty("succeeded").GetInt32(), days[^1].GetProperty("failed").GetInt32(), days[^1].GetProperty("cancelled").GetInt32()));
        Assert.All(days[..^1], d => Assert.Equal(0, d.GetProperty("succeeded").GetInt32() + d.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task List_Filtered_ByKindStatusAndMembership()
    {
        var mesh = await MeshWithRunsAsync();

        var quality = await ListAsync($"domain={mesh.Domain}&kind=quality");
        var failed = await ListAsync($"domain={mesh.Domain}&status=failed");
        var active = await ListAsync($"domain={mesh.Domain}&status=active");
        var mineAsMember = await ListAsync($"domain={mesh.Domain}&mine=true", "sales-owner");
        var mineAsOutsider = await ListAsync($"domain={mesh.Domain}&mine=true", "logistics-owner");
        var newest = await ListAsync($"domain={mesh.Domain}&take=2");

        static Guid[] Ids(JsonElement list) => list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToArray();
        Assert.Equal([mesh.QualityRunId], Ids(quality));
        // The kind narrows the figures too; the status only the list.
        Assert.Equal((0, 1), (quality.GetProperty("queued").GetInt32(), quality.GetProperty("succeededLastDay").GetInt32()));
        Assert.Equal([mesh.Failed.Id], Ids(failed));
        Assert.Equal(2, failed.GetProperty("succeededLastDay").GetInt32());
        Assert.Equal([mesh.QueuedRunId], Ids(active));
        Assert.Equal(4, Ids(mineAsMember).Length);
        Assert.Empty(Ids(mineAsOutsider));
        Assert.Equal(0, mineAsOutsider.GetProperty("failedLastDay").GetInt32());
        Assert.Equal([mesh.QueuedRunId, mesh.Failed.Id], Ids(newest));
        Assert.True(newest.GetProperty("more").GetBoolean());
    }

    [Theory]
    [InlineData("kind=etl", "kind")]
    [InlineData("status=done", "status")]
    [InlineData("mine=yes", "mine")]
    [InlineData("take=0", "take")]
    [InlineData("take=5000", "take")]
    public async Task List_WithABadFilter_Returns400NamingIt(string query, string field)
    {
        var response = await portal.ClientFor("consumer").GetAsync("/api/v1/job-runs?" + query);

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task List_OfAnUnknownDomain_Returns404_AndWithoutAToken_401()
    {
        var unknown = await portal.ClientFor("consumer").GetAsync("/api/v1/job-runs?domain=no-such-domain");
        var anonymous = await portal.ClientFor("none").GetAsync("/api/v1/job-runs");

        Assert.Contains("no-such-domain", (await unknown.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheList()
    {
        var document = JsonDocument.Parse(await portal.ClientFor("none").GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty("/api/v1/job-runs").GetProperty("get");
        Assert.Equal(("ListJobRuns", "Jobs"), (operation.GetProperty("operationId").GetString(), operation.GetProperty("tags")[0].GetString()));
        Assert.Contains("kind (onboarding, quality)", operation.GetProperty("summary").GetString());
    }
}

using System.Net;
using System.Text.Json;
using MeshPortal.Web.Tests.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// The whole path on the in-process Hangfire server with the real engine: an upload onboarded through the API is followed
/// by a quality run on its own, whose figures the API returns; a run asked for by hand runs too; block-publish refuses.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class QualityJobServerTests(OnboardingPortalFactory portal) : IClassFixture<OnboardingPortalFactory>
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    /// <summary>Waits for the quantum's latest finished quality run (the one that follows an onboarding).</summary>
    private async Task<JsonElement> LatestAsync(Guid quantumId, Guid? after = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await _owner.GetAsync($"/api/v1/quanta/{quantumId}/quality-runs/latest");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var run = await response.ReadAsync<JsonElement>();
                if (after is null || run.GetProperty("id").GetGuid() != after) return run;
            }
            Assert.True(DateTime.UtcNow < deadline, "no quality run finished in time");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Onboarding_IsFollowedByAQualityRun_AndARunByHandRunsOnTheServer()
    {
        var quantum = await portal.QualityQuantumAsync();
        var sourceId = await _owner.AddSourceAsync(quantum.Id, QualityApiClient.OrdersCsv());
        var onboarding = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, sourceId));
        Assert.True(onboarding.GetProperty("status").GetString() == "succeeded", onboarding.ToString());

        var automatic = await LatestAsync(quantum.Id);
        var started = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var byHand = await _owner.PollQualityRunAsync((await started.ReadAsync<JsonElement>()).GetProperty("runId").GetGuid());

        Assert.Equal(("succeeded", "onboarding", 50.0, true), (automatic.GetProperty("status").GetString(), automatic.GetProperty("triggeredBy").GetString(),
            automatic.GetProperty("score").GetDouble(), automatic.GetProperty("failsContract").GetBoolean()));
        Assert.Equal(onboarding.GetProperty("id").GetGuid(), automatic.GetProperty("onboardingRunId").GetGuid());
        Assert.Equal(("succeeded", "sales-owner"), (byHand.GetProperty("status").GetString(), byHand.GetProperty("triggeredBy").GetString()));
        Assert.Equal(automatic.Results().ToDictionary(r => r.Key, r => (r.Value.Outcome, r.Value.Value)),
            byHand.Results().ToDictionary(r => r.Key, r => (r.Value.Outcome, r.Value.Value)));
        Assert.True((await portal.ClientFor("consumer").GetQuantumAsync(quantum.Id)).Quality!.FailsContract);
    }

    [Fact]
    public async Task BlockPublish_RefusesFailingData_OnTheServer_AndThePassingDataStaysServed()
    {
        var quantum = await portal.QualityQuantumAsync();
        await (await _owner.PutQualitySettingsAsync(quantum.Id, block: true)).ReadAsync<JsonElement>();
        var first = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, await _owner.AddSourceAsync(quantum.Id, QualityApiClient.PassingCsv())));
        var checkedRun = await LatestAsync(quantum.Id);

        var refused = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, await _owner.AddSourceAsync(quantum.Id, QualityApiClient.OrdersCsv())));

        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.False(checkedRun.GetProperty("failsContract").GetBoolean());
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.StartsWith("Not published", refused.GetProperty("error").GetString());
        var data = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data?format=json")).Content.ReadAsStringAsync();
        Assert.Equal(10, JsonDocument.Parse(data).RootElement.GetArrayLength());
        Assert.Contains("ORD-0500", data);
        Assert.False((await portal.ClientFor("consumer").GetQuantumAsync(quantum.Id)).Quality!.FailsContract);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// The per-quantum choice when new data fails an error-severity rule: off (the default), it is published and the quantum
/// is marked as failing its contract; on, the onboarding is refused, the previous data stays served, and the check that
/// refused it is a quality run the owner can open.
/// </summary>
[Collection(PortalCollection.Name)]
public class BlockPublishTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");
    private readonly HttpClient _consumer = portal.ClientFor("consumer");

    private async Task<List<string>> ServedOrderIdsAsync(Guid quantumId)
    {
        var response = await _owner.GetAsync($"/api/v1/quanta/{quantumId}/ports/rows/data?format=json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("order_id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Off_FailingDataIsPublished_AndTheQuantumIsMarkedFailingItsContract()
    {
        var quantum = await portal.QualityQuantumAsync();
        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.PassingCsv(first: 500));
        var settings = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-settings")).ReadAsync<JsonElement>();

        var onboarding = await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.OrdersCsv(first: 1));
        await portal.RunQueuedQualityAsync(quantum.Id);

        Assert.False(settings.GetProperty("blockPublishOnFailure").GetBoolean());
        Assert.Equal(RunStatus.Succeeded, onboarding.Status);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"ORD-{n:D4}"), await ServedOrderIdsAsync(quantum.Id));
        var quality = (await _consumer.GetQuantumAsync(quantum.Id)).Quality!;
        Assert.Equal((true, 50.0), (quality.FailsContract, quality.Score));
        var latest = await (await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs/latest")).ReadAsync<JsonElement>();
        Assert.Equal((onboarding.Id, false), (latest.GetProperty("onboardingRunId").GetGuid(), latest.GetProperty("checkedBeforePublish").GetBoolean()));
    }

    [Fact]
    public async Task On_FailingDataIsRefused_ThePreviousDataStaysServed_AndTheBlockingRulesAreRecorded()
    {
        var quantum = await portal.QualityQuantumAsync();
        var saved = await (await _owner.PutQualitySettingsAsync(quantum.Id, block: true)).ReadAsync<JsonElement>();
        var first = await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.PassingCsv(first: 500));
        await portal.RunQueuedQualityAsync(quantum.Id);
        var standingBefore = (await _consumer.GetQuantumAsync(quantum.Id)).Quality!;

        var refused = await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.OrdersCsv(first: 1));

        Assert.True(saved.GetProperty("blockPublishOnFailure").GetBoolean());
        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(RunStatus.Failed, refused.Status);
        Assert.StartsWith("Not published: the new data fails 2 error-severity quality rules", refused.Error);
        Assert.Contains("no_big_orders on orders: 5, mustBe 0", refused.Error);
        Assert.Contains("nullValues on orders.customer_email: 10 %, mustBeLessOrEqualTo 5", refused.Error);
        Assert.Contains("The published data is unchanged", refused.Error);
        Assert.Equal(Enumerable.Range(500, 10).Select(n => $"ORD-{n:D4}"), await ServedOrderIdsAsync(quantum.Id));
        // The standing still describes what is served, and no run of the refused data is queued.
        Assert.Equal(standingBefore, (await _consumer.GetQuantumAsync(quantum.Id)).Quality);
        Assert.False(standingBefore.FailsContract);
        await using (var db = portal.CreateDbContext())
            Assert.False(await db.QualityRuns.AnyAsync(r => r.QuantumId == quantum.Id && r.Status == RunStatus.Queued));

        var history = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs")).ReadAsync<List<JsonElement>>();
        var check = history.Single(r => r.GetProperty("onboardingRunId").GetGuid() == refused.Id);
        Assert.Equal((true, true, true, "onboarding"), (check.GetProperty("checkedBeforePublish").GetBoolean(), check.GetProperty("blockedPublish").GetBoolean(),
            check.GetProperty("failsContract").GetBoolean(), check.GetProperty("triggeredBy").GetString()));
        Assert.Contains(check.GetProperty("id").GetGuid().ToString(), refused.Error);
        var detail = await _owner.GetQualityRunAsync(check.GetProperty("id").GetGuid());
        var results = detail.Results();
        Assert.Equal((false, 10.0), (results["nullValues"].Passed!.Value, results["nullValues"].Value!.Value));
        Assert.Equal((false, 5.0), (results["no_big_orders"].Passed!.Value, results["no_big_orders"].Value!.Value));
        // The passing data was checked before it was published too, and did not block.
        var passed = history.Single(r => r.GetProperty("onboardingRunId").GetGuid() == first.Id && r.GetProperty("checkedBeforePublish").GetBoolean());
        Assert.False(passed.GetProperty("blockedPublish").GetBoolean());
        // The latest run is still the one of the served data.
        var latest = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs/latest")).ReadAsync<JsonElement>();
        Assert.Equal((first.Id, false), (latest.GetProperty("onboardingRunId").GetGuid(), latest.GetProperty("checkedBeforePublish").GetBoolean()));
    }

    [Fact]
    public async Task On_WithAGoldQuery_TheGoldTheQuantumWouldServeIsChecked()
    {
        var quantum = await portal.QualityQuantumAsync();
        var gold = await _owner.PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/onboarding-settings",
            new { goldSql = "SELECT order_id, customer_email, amount, order_date, channel FROM silver WHERE amount <= 150" });
        Assert.Equal(HttpStatusCode.OK, gold.StatusCode);
        await (await _owner.PutQualitySettingsAsync(quantum.Id, block: true)).ReadAsync<JsonElement>();

        var run = await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.OrdersCsv());

        // Silver has 5 orders over 150 and gold none; gold's 15 rows miss 2 e-mails (13.33 %), which alone blocks.
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith("Not published: the new data fails 1 error-severity quality rule ", run.Error);
        Assert.Contains("nullValues on orders.customer_email: 13.33 %", run.Error);
        Assert.DoesNotContain("no_big_orders", run.Error);
        await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

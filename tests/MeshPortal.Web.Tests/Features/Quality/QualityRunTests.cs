using System.Net;
using System.Text.Json;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// Quality runs on data onboarded through the API: the exact figures of every rule on planted defects, bad rules in error
/// with their reason while the others run, the custom rule not executed, one run at a time, and the verdict on the quanta
/// API. No job server runs here: each job runs in the test, the way Hangfire calls it.
/// </summary>
[Collection(PortalCollection.Name)]
public class QualityRunTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");
    private readonly HttpClient _consumer = portal.ClientFor("consumer");

    [Fact]
    public async Task PlantedDefects_GiveTheExactFigures_FailingFirst_AndBadRulesInErrorWithTheirReason()
    {
        var quantum = await portal.QualityQuantumAsync();
        var runId = await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.OrdersCsv());

        var latest = await (await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs/latest")).ReadAsync<JsonElement>();
        var byId = await _consumer.GetQualityRunAsync(runId);

        Assert.Equal(runId, latest.GetProperty("id").GetGuid());
        Assert.Equal(latest.ToString(), byId.ToString());
        Assert.Equal(("succeeded", 50.0, "onboarding", true), (latest.GetProperty("status").GetString(), latest.GetProperty("score").GetDouble(),
            latest.GetProperty("triggeredBy").GetString(), latest.GetProperty("failsContract").GetBoolean()));
        Assert.Equal((3, 3, 4, 1), (latest.GetProperty("passed").GetInt32(), latest.GetProperty("failed").GetInt32(),
            latest.GetProperty("errors").GetInt32(), latest.GetProperty("notExecuted").GetInt32()));

        // Failing first: failed error-severity rules, the failed warning, rules in error, passed, not executed.
        Assert.Equal(["no_big_orders", "nullValues", "enough_orders", "key_with_missing_column", "writes", "fails", "invalidValues#3",
                "duplicateValues", "invalidValues", "invalidValues#2", "custom:soda:Checked by the team's Soda scan."],
            latest.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("rule").GetString()));
        var results = latest.Results();
        Assert.Equal(("failed", false, 5.0), (results["no_big_orders"].Outcome, results["no_big_orders"].Passed, results["no_big_orders"].Value));
        Assert.Equal(("failed", false, 10.0), (results["nullValues"].Outcome, results["nullValues"].Passed, results["nullValues"].Value));
        Assert.Equal(("failed", false, 20.0), (results["enough_orders"].Outcome, results["enough_orders"].Passed, results["enough_orders"].Value));
        Assert.Equal(("passed", true, 0.0), (results["duplicateValues"].Outcome, results["duplicateValues"].Passed, results["duplicateValues"].Value));
        Assert.Equal(("passed", true, 0.0), (results["invalidValues"].Outcome, results["invalidValues"].Passed, results["invalidValues"].Value));
        Assert.Equal(("passed", true, 0.0), (results["invalidValues#2"].Outcome, results["invalidValues#2"].Passed, results["invalidValues#2"].Value));
        foreach (var broken in new[] { "key_with_missing_column", "writes", "fails", "invalidValues#3" })
            Assert.Equal(("error", (bool?)null, (double?)null), (results[broken].Outcome, results[broken].Passed, results[broken].Value));
        Assert.Contains("coupon_code", results["key_with_missing_column"].Message);
        Assert.Contains("SELECT", results["writes"].Message);
        Assert.Contains("convert", results["fails"].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("([a-z", results["invalidValues#3"].Message);
        var custom = results["custom:soda:Checked by the team's Soda scan."];
        Assert.Equal(("not-executed", (bool?)null), (custom.Outcome, custom.Passed));
        Assert.Contains("soda", custom.Message);

        // Every field of a result, as a client reads it.
        var nulls = latest.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "nullValues");
        Assert.Equal(("nullValues", "orders", "customer_email", "completeness", "error", "percent", "5", "mustBeLessOrEqualTo"),
            (nulls.GetProperty("metric").GetString(), nulls.GetProperty("object").GetString(), nulls.GetProperty("property").GetString(),
                nulls.GetProperty("dimension").GetString(), nulls.GetProperty("severity").GetString(), nulls.GetProperty("unit").GetString(),
                nulls.GetProperty("threshold").GetString(), nulls.GetProperty("operator").GetString()));
        var rows = latest.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "enough_orders");
        Assert.Equal(("rows", JsonValueKind.Null), (rows.GetProperty("unit").GetString(), rows.GetProperty("property").ValueKind));
        var dimensions = latest.GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("dimension").GetString()!, d => d.GetProperty("percent").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["accuracy"] = 0, ["completeness"] = 0, ["conformity"] = 100, ["uniqueness"] = 100 }, dimensions);
    }

    [Fact]
    public async Task OnDemandRun_Returns202WithItsLocation_And409WhileAnotherIsQueued()
    {
        var quantum = await portal.QualityQuantumAsync();
        var onboarding = await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.OrdersCsv());
        Assert.Equal("succeeded", onboarding.Status.ToString().ToLowerInvariant());

        // The onboarding queued its quality run; no job server runs here, so it waits.
        var busy = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null);
        var problem = await busy.ProblemAsync(HttpStatusCode.Conflict);
        await portal.RunQueuedQualityAsync(quantum.Id);
        var started = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null);
        var again = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null);

        Assert.Contains("already queued", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.ReadAsync<JsonElement>()).GetProperty("runId").GetGuid();
        Assert.Equal($"/api/v1/quality-runs/{runId}", started.Headers.Location?.OriginalString);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("queued", (await _owner.GetQualityRunAsync(runId)).GetProperty("status").GetString());

        await portal.RunQueuedQualityAsync(quantum.Id);
        var run = await _owner.GetQualityRunAsync(runId);
        Assert.Equal(("succeeded", "sales-owner", onboarding.Id), (run.GetProperty("status").GetString(), run.GetProperty("triggeredBy").GetString(), run.GetProperty("onboardingRunId").GetGuid()));
        var history = await (await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs")).ReadAsync<List<JsonElement>>();
        Assert.Equal([runId], history.Take(1).Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(["sales-owner", "onboarding"], history.Select(r => r.GetProperty("triggeredBy").GetString()));
    }

    [Fact]
    public async Task Run_WhenNothingIsPublished_Returns422SayingSo_AndLatestIs404()
    {
        var quantum = await portal.QualityQuantumAsync();

        var problem = await (await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var latest = await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs/latest");

        Assert.Contains("Nothing is published", problem.GetProperty("detail").GetString());
        await latest.ProblemAsync(HttpStatusCode.NotFound);
        await (await _owner.PostAsync($"/api/v1/quanta/{Guid.NewGuid()}/quality-runs", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await _owner.GetAsync($"/api/v1/quality-runs/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FailingContract_IsOnTheQuantaApi_AndClearsWhenPassingDataIsPublished()
    {
        var quantum = await portal.QualityQuantumAsync();
        var before = (await _consumer.GetQuantumAsync(quantum.Id)).Quality;

        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.OrdersCsv());
        var failing = (await _consumer.GetQuantumAsync(quantum.Id)).Quality;
        var listed = await (await _consumer.GetAsync($"/api/v1/quanta?domain=sales&q={quantum.Slug}")).ReadAsync<JsonElement>();
        // New data is published: until its quality run has finished, the quantum is not checked (the old verdict was about other data).
        await portal.OnboardInlineAsync(quantum.Id, QualityApiClient.PassingCsv());
        var notChecked = (await _consumer.GetQuantumAsync(quantum.Id)).Quality;
        await portal.RunQueuedQualityAsync(quantum.Id);
        var passing = (await _consumer.GetQuantumAsync(quantum.Id)).Quality;

        Assert.Equal(new QuantumQualityDto(null, false, false, null), before);
        Assert.NotNull(failing);
        Assert.Equal((50.0, true, false), (failing.Score, failing.FailsContract, failing.Stale));
        Assert.NotNull(failing.LastRunAt);
        var item = listed.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == quantum.Id);
        Assert.True(item.GetProperty("quality").GetProperty("failsContract").GetBoolean());
        Assert.Equal((null, false), (notChecked!.Score, notChecked.FailsContract));
        // 10 orders of at most 100 with every e-mail: only the warning rowCount fails — 5 of 6 executed rules pass.
        Assert.NotNull(passing);
        Assert.Equal((5 * 100.0 / 6, false), (passing.Score!.Value, passing.FailsContract));
        Assert.True(passing.LastRunAt > failing.LastRunAt);
    }
}

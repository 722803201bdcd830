using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// A contract whose quality rules are known to pass, fail, break or be skipped on <see cref="OrdersCsv"/>, quanta bound to
/// it, and the quality API called the way a client does. Where no job server runs, onboarding and quality jobs are run
/// in the test, one at a time, through the same job classes Hangfire calls.
/// </summary>
public static class QualityApiClient
{
    /// <summary>
    /// Rules of the "orders" object and what they give on <see cref="OrdersCsv"/>() (20 rows, every one valid for silver):
    /// <list type="bullet">
    /// <item>passed: order_id duplicateValues 0; channel invalidValues (validValues web/shop) 0; channel invalidValues (pattern [a-z]+) 0;</item>
    /// <item>failed, severity error: customer_email nullValues 10 % (rows 3 and 7 have none) — limit 5 %; no_big_orders (amount over 150) 5 rows;</item>
    /// <item>failed, severity warning: enough_orders rowCount 20 — must be over 100;</item>
    /// <item>error: key_with_missing_column (coupon_code is not in the object), writes (a DELETE), fails (a cast that fails), invalidValues#3 (a malformed pattern);</item>
    /// <item>not executed: a custom Soda rule.</item>
    /// </list>
    /// The SLA promises data at most <paramref name="latencyHours"/> hours old.
    /// </summary>
    public static string Contract(string id, int latencyHours = 24) => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: {id}
        version: 1.0.0
        status: active
        name: Quality orders {id}
        description:
          purpose: Orders checked by the quality tests.
        schema:
          - name: orders
            physicalName: orders
            physicalType: table
            quality:
              - name: enough_orders
                metric: rowCount
                mustBeGreaterThan: 100
                dimension: completeness
                severity: warning
              - name: key_with_missing_column
                metric: duplicateValues
                arguments:
                  properties: [order_id, coupon_code]
                mustBe: 0
                dimension: uniqueness
              - type: sql
                name: no_big_orders
                query: SELECT count(*) FROM {"{object}"} WHERE amount > 150
                mustBe: 0
                dimension: accuracy
                severity: error
              - type: sql
                name: writes
                query: DELETE FROM {"{object}"}
                mustBe: 0
              - type: sql
                name: fails
                query: SELECT sum(CAST(channel AS INTEGER)) FROM {"{object}"}
                mustBe: 0
              - type: custom
                engine: soda
                description: Checked by the team's Soda scan.
                implementation: |
                  checks for orders:
                    - duplicate_percent(order_id) = 0
            properties:
              - name: order_id
                logicalType: string
                required: true
                primaryKey: true
                quality:
                  - metric: duplicateValues
                    mustBe: 0
                    dimension: uniqueness
                    severity: error
              - name: customer_email
                logicalType: string
                quality:
                  - metric: nullValues
                    unit: percent
                    mustBeLessOrEqualTo: 5
                    dimension: completeness
                    severity: error
              - name: amount
                logicalType: number
                required: true
              - name: order_date
                logicalType: date
              - name: channel
                logicalType: string
                quality:
                  - metric: invalidValues
                    arguments:
                      validValues: [web, shop]
                    mustBe: 0
                    dimension: conformity
                    severity: error
                  - metric: invalidValues
                    arguments:
                      pattern: "[a-z]+"
                    mustBe: 0
                    dimension: conformity
                  - metric: invalidValues
                    arguments:
                      pattern: "([a-z"
                    mustBe: 0
                    dimension: conformity
        slaProperties:
          - property: latency
            value: {latencyHours}
            unit: h
        """;

    /// <summary>
    /// <paramref name="rows"/> orders ORD-n (from <paramref name="first"/>) of amount n × 10; customer_email is missing in
    /// rows 3 and 7; channel web on even rows, shop on odd ones. With 20 rows: 5 orders over 150, 10 % without e-mail.
    /// </summary>
    public static string OrdersCsv(int rows = 20, int first = 1, bool emails = false)
    {
        var lines = new StringBuilder("order_id,customer_email,amount,order_date,channel\n");
        for (var i = 1; i <= rows; i++)
        {
            var n = first + i - 1;
            var email = !emails && i is 3 or 7 ? "" : $"buyer{n}@example.com";
            lines.Append(CultureInfo.InvariantCulture, $"ORD-{n:D4},{email},{i * 10},2024-03-{i % 28 + 1:D2},{(i % 2 == 0 ? "web" : "shop")}\n");
        }
        return lines.ToString();
    }

    /// <summary>10 orders of amount 10–100 with every e-mail: only the warning rowCount fails, so the contract holds.</summary>
    public static string PassingCsv(int first = 500) => OrdersCsv(rows: 10, first: first, emails: true);

    /// <summary>A quantum (of sales by default) whose output port "rows" serves a new quality contract.</summary>
    public static async Task<QuantumDto> QualityQuantumAsync(this PortalFactory portal, int latencyHours = 24, string owner = "sales-owner",
        string domain = "sales", string tier = "gold")
    {
        var client = portal.ClientFor(owner);
        var quantum = await client.RegisterAsync(domain, ports: [new { direction = "output", name = "rows", kind = "table" }], tier: tier);
        var response = await client.PostAsync($"/api/v1/contracts?quantum={quantum.Id}&port=rows",
            new StringContent(Contract(PortalApi.Unique("quality"), latencyHours), Encoding.UTF8, "application/yaml"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return quantum;
    }

    public static async Task<Guid> AddSourceAsync(this HttpClient client, Guid quantumId, string csv)
    {
        var response = await client.UploadAsync(quantumId, PortalApi.Unique("src"), "orders.csv", Encoding.UTF8.GetBytes(csv));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Without a job server: uploads <paramref name="csv"/>, starts a run through the API and runs its job here, as
    /// Hangfire would. The quality run the onboarding then queues is left queued. Returns the onboarding run.
    /// </summary>
    public static async Task<RunSummary> OnboardInlineAsync(this PortalFactory portal, Guid quantumId, string csv, string owner = "sales-owner")
    {
        var client = portal.ClientFor(owner);
        var runId = await client.StartRunIdAsync(quantumId, await client.AddSourceAsync(quantumId, csv));
        await portal.Services.GetRequiredService<OnboardingJob>().RunAsync(runId, CancellationToken.None);
        return (await portal.Services.GetRequiredService<OnboardingService>().GetRunAsync(runId))!;
    }

    /// <summary>Without a job server: runs the quantum's queued quality run here, as Hangfire would; returns its id.</summary>
    public static async Task<Guid> RunQueuedQualityAsync(this PortalFactory portal, Guid quantumId)
    {
        Guid runId;
        await using (var db = portal.CreateDbContext())
            runId = await db.QualityRuns.Where(r => r.QuantumId == quantumId && r.Status == RunStatus.Queued).Select(r => r.Id).SingleAsync();
        await portal.Services.GetRequiredService<QualityJob>().RunAsync(runId, CancellationToken.None);
        return runId;
    }

    /// <summary>Onboards <paramref name="csv"/> and runs the quality run that follows, both here; returns the quality run's id.</summary>
    public static async Task<Guid> OnboardAndCheckAsync(this PortalFactory portal, Guid quantumId, string csv)
    {
        var run = await portal.OnboardInlineAsync(quantumId, csv);
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        return await portal.RunQueuedQualityAsync(quantumId);
    }

    public static async Task<JsonElement> GetQualityRunAsync(this HttpClient client, Guid runId) =>
        await (await client.GetAsync($"/api/v1/quality-runs/{runId}")).ReadAsync<JsonElement>();

    /// <summary>Polls the run until it is finished (or the time is up) and returns what the API last said.</summary>
    public static async Task<JsonElement> PollQualityRunAsync(this HttpClient client, Guid runId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await client.GetQualityRunAsync(runId);
            var status = run.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "queued", "running", "succeeded", "failed", "cancelled" });
            if (status is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline) return run;
            await Task.Delay(200);
        }
    }

    /// <summary>Results by rule key: (outcome, passed, value, message).</summary>
    public static Dictionary<string, (string Outcome, bool? Passed, double? Value, string? Message)> Results(this JsonElement run) =>
        run.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("rule").GetString()!,
            r => (r.GetProperty("outcome").GetString()!,
                r.GetProperty("passed").ValueKind == JsonValueKind.Null ? (bool?)null : r.GetProperty("passed").GetBoolean(),
                r.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : r.GetProperty("value").GetDouble(),
                r.GetProperty("message").GetString()));

    public static Task<HttpResponseMessage> PutQualitySettingsAsync(this HttpClient client, Guid quantumId, bool block, string? cron = null) =>
        client.PutAsJsonAsync($"/api/v1/quanta/{quantumId}/quality-settings", new { blockPublishOnFailure = block, cron });
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Quality;

/// <summary>
/// The Quality tab and the dashboards in the browser. The tab's test onboards its own quantum (bound to the seeded
/// sales-orders 1.1.0, whose "orders_per_day" rule wants more than 500 rows: a dozen rows fail it), so its runs and trend
/// are its own whatever the demo seed does in the background; the second run is started from the tab and followed live.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class QualityTabTests(PortalFixture portal)
{
    // The machine is slow (2 cores): an onboarding and two quality runs in the background take a while.
    private const int RunTimeout = 180_000;
    private const int StepTimeout = 30_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Header = "order_id,customer_id,order_date,order_status,currency,order_total,promised_delivery_date,shipping_country,payment_terms,sales_rep,sales_channel,created_at,updated_at";

    [Fact]
    public async Task QualityTab_ShowsAFailingRuleFirst_AndTheTrendOverRuns()
    {
        var quantumId = await OnboardedQuantumAsync();
        var page = await portal.NewSignedInPageAsync("sales-owner");
        try
        {
            await page.GotoInteractiveAsync($"/quanta/{quantumId}");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Quality" }).ClickAsync();

            // The first run (queued by the onboarding): a failing rule, listed first, with what was measured and expected.
            var panel = page.Locator("[data-testid=quality-panel]");
            var first = panel.Locator("[data-testid=rule-results] tr[data-testid=rule-result]").First;
            await Assertions.Expect(first).ToHaveAttributeAsync("data-outcome", "failed", new() { Timeout = StepTimeout });
            await Assertions.Expect(first).ToContainTextAsync("orders_per_day");
            await Assertions.Expect(first.Locator("[data-testid=rule-measured]")).ToHaveTextAsync("12 rows");
            await Assertions.Expect(first.Locator("[data-testid=rule-expected]")).ToHaveTextAsync("must be > 500 rows");
            await Assertions.Expect(panel.Locator("[data-testid=score-gauge]")).ToBeVisibleAsync();
            await Assertions.Expect(panel.Locator("[data-testid=count-failed]")).Not.ToHaveTextAsync("0");
            await Assertions.Expect(panel.Locator("[data-testid=dimension-scores]")).ToBeVisibleAsync();

            // A second run from the tab, followed live; then the trend draws its line over both runs.
            await panel.Locator("[data-testid=quality-run-now]").ClickAsync();
            await Assertions.Expect(panel.Locator("[data-testid=quality-history] tbody tr[data-status]")).ToHaveCountAsync(2, new() { Timeout = StepTimeout });
            await Assertions.Expect(panel.Locator("[data-testid=quality-history] tbody tr[data-status=succeeded]")).ToHaveCountAsync(2, new() { Timeout = RunTimeout });
            var trend = panel.Locator("[data-testid=quality-trend]");
            await Assertions.Expect(trend).ToHaveAttributeAsync("data-points", "2", new() { Timeout = StepTimeout });
            await Assertions.Expect(trend.Locator("[data-testid=quality-trend-score] svg.mud-chart-line").First).ToBeVisibleAsync();
            await Assertions.Expect(trend.Locator("[data-testid=quality-trend-failed] svg").First).ToBeVisibleAsync();
            await Assertions.Expect(panel.Locator("[data-testid=quality-run-panel]")).ToHaveCountAsync(0);

            // The header's badge carries the score; the tab passes the accessibility scan.
            await Assertions.Expect(page.Locator("h1 ~ div [data-testid=quality-badge]").First).Not.ToHaveAttributeAsync("data-score", "", new() { Timeout = StepTimeout });
            await AssertAccessibleAsync(page);

            // The same tab in dark mode, read fresh from the server.
            var dark = await portal.NewSignedInPageAsync("sales-owner", ColorScheme.Dark);
            try
            {
                await dark.GotoInteractiveAsync($"/quanta/{quantumId}?tab=quality");
                await Assertions.Expect(dark.Locator("[data-testid=quality-trend-score] svg").First).ToBeVisibleAsync(new() { Timeout = StepTimeout });
                await dark.WaitForFunctionAsync("""
                    () => {
                      const [r, g, b] = getComputedStyle(document.querySelector('.mud-main-content') ?? document.body).backgroundColor.match(/\d+/g).map(Number);
                      return (0.2126 * r + 0.7152 * g + 0.0722 * b) < 96;
                    }
                    """);
                await AssertAccessibleAsync(dark);
            }
            finally
            {
                await dark.Context.CloseAsync();
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task QualityLink_OpensTheQuantumPageOnItsQualityTab()
    {
        var orders = (await portal.Api("sales-owner").ListQuantaAsync("sales")).Single(q => q.Slug == "orders");
        var page = await portal.NewSignedInPageAsync("consumer");
        try
        {
            await page.GotoInteractiveAsync($"/quanta/{orders.Id}?tab=quality");

            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Quality" })).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=quality-panel]")).ToBeVisibleAsync(new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=quality-run-now]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task MeshDashboard_ShowsScoresByDomainAndTier_AndLinksToEachQuantumsQualityTab()
    {
        var page = await portal.NewSignedInPageAsync("cdo");
        try
        {
            await page.GotoInteractiveAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Quality", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/quality$"), new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Quality of the mesh");
            await Assertions.Expect(page.Locator("[data-testid=by-domain] tr[data-key=sales]")).ToBeVisibleAsync(new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=by-tier] tr[data-testid=score-group]")).Not.ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=dashboard-failing]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=dashboard-stale]")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);

            // A domain's dashboard, then a quantum's Quality tab from its row.
            await page.Locator("[data-testid=by-domain] tr[data-key=sales] a").ClickAsync();
            await page.WaitForURLAsync(new Regex("/quality/sales$"), new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Quality of Sales");
            var orders = page.Locator("[data-testid=all-quanta] a[data-testid=all-quanta-link]", new() { HasTextString = "Orders" });
            await orders.ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/quanta/[0-9a-f-]+\?tab=quality$"), new() { Timeout = StepTimeout });
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Quality" })).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = StepTimeout });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>axe-core finds no critical or serious violation (snackbars fade in and out: not mid-animation).</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(300);
        var axe = await page.RunAxe(new AxeRunContext { Exclude = [new AxeSelector(".mud-snackbar")] });
        var blocking = axe.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>
    /// A fresh sales quantum serving sales-orders 1.1.0, onboarded with a dozen valid rows through the API, once its first
    /// quality run (queued by the onboarding) has finished.
    /// </summary>
    private async Task<Guid> OnboardedQuantumAsync()
    {
        var api = portal.Api("sales-owner");
        var quantum = await api.RegisterQuantumAsync(new
        {
            domain = "sales",
            slug = ApiExtensions.UniqueSlug("e2e-quality"),
            name = "E2E quality",
            tier = "silver",
            description = "Registered by the quality browser test.",
            ports = new[] { new { direction = "output", name = "orders", kind = "table", description = "Validated orders." } },
        });
        var bind = await api.PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/ports/orders/contract", new { contractId = "sales-orders", version = "1.1.0" });
        Assert.True(bind.IsSuccessStatusCode, await bind.Content.ReadAsStringAsync());

        var rows = Enumerable.Range(1, 12).Select(i =>
            $"SO-2025{i:0000},C-{i:000},2025-03-{i:00},confirmed,EUR,{100 + i}.50,2025-03-{i + 10:00},DE,NET30,sam.okafor,webshop,2025-03-{i:00} 09:00:00,2025-03-{i:00} 09:30:00");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("e2e-quality-orders"), "name" },
            { new StringContent("orders"), "outputPort" },
            { new StringContent("sales_order"), "object" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', [Header, .. rows]) + "\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "orders.csv");
        var added = await api.PostAsync($"/api/v1/quanta/{quantum.Id}/sources", form);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var sourceId = (await added.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();

        var started = await api.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/onboarding-runs", new { sourceId });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("runId").GetGuid();
        await WaitForAsync(async () => Status(await api.GetFromJsonAsync<JsonElement>($"/api/v1/onboarding-runs/{runId}", Json)), "the onboarding run");
        await WaitForAsync(async () =>
        {
            var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/quanta/{quantum.Id}/quality-runs", Json);
            return runs.GetArrayLength() == 0 ? "none yet" : Status(runs[0]);
        }, "the quality run after the onboarding");
        return quantum.Id;
    }

    private static string Status(JsonElement run) => run.GetProperty("status").GetString() ?? "";

    /// <summary>Polls until the status is final; fails unless it succeeded.</summary>
    private static async Task WaitForAsync(Func<Task<string>> status, string what)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(RunTimeout);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await status();
            if (last is "succeeded") return;
            if (last is "failed" or "cancelled") break;
            await Task.Delay(500);
        }
        Assert.Fail($"{what} did not succeed: {last}");
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Onboarding;

/// <summary>
/// A domain member onboards a CSV in the browser: upload it on the quantum's Data tab, watch the run's progress bar,
/// and see the silver and quarantine counts and a preview of the rows. The quantum is registered for the test and its
/// output port bound to the seeded sales-orders 1.1.0 contract, so no other test's data (or the demo seed) moves its counts.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OnboardingUploadTests(PortalFixture portal)
{
    // The machine is slow (2 cores) and the first run also opens DuckDB: be generous.
    private const int RunTimeout = 120_000;
    private const int StepTimeout = 20_000;

    private const string Header = "order_id,customer_id,order_date,order_status,currency,order_total,promised_delivery_date,shipping_country,payment_terms,sales_rep,sales_channel,created_at,updated_at";

    /// <summary>Rows of the contract's first object (sales_order) that satisfy it.</summary>
    private static readonly string[] Valid = Enumerable.Range(1, 12).Select(i =>
        $"SO-2025{i:0000},C-{i:000},2025-03-{i:00},confirmed,EUR,{100 + i}.50,2025-03-{i + 10:00},DE,NET30,sam.okafor,webshop,2025-03-{i:00} 09:00:00,2025-03-{i:00} 09:30:00").ToArray();

    /// <summary>Planted: a date that is not one, an amount that is not a number, a timestamp that is not one.</summary>
    private static readonly string[] Bad =
    [
        "SO-20259001,C-901,not-a-date,confirmed,EUR,10.00,2025-04-01,DE,NET30,sam.okafor,webshop,2025-03-20 09:00:00,2025-03-20 09:00:00",
        "SO-20259002,C-902,2025-03-21,confirmed,EUR,twelve,2025-04-02,FR,NET30,sam.okafor,webshop,2025-03-21 09:00:00,2025-03-21 09:00:00",
        "SO-20259003,C-903,2025-03-22,confirmed,EUR,30.00,2025-04-03,NL,NET30,sam.okafor,webshop,yesterday,2025-03-22 09:00:00",
    ];

    [Fact]
    public async Task Member_UploadsACsv_WatchesTheRun_AndSeesSilverQuarantineAndPreview()
    {
        var quantumId = await RegisterBoundQuantumAsync();
        var csv = Path.Combine(Path.GetTempPath(), $"e2e-orders-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, string.Join('\n', [Header, .. Valid[..6], Bad[0], .. Valid[6..9], Bad[1], .. Valid[9..], Bad[2]]) + "\n", Encoding.UTF8);
        var page = await portal.NewSignedInPageAsync("sales-owner");
        try
        {
            await page.GotoInteractiveAsync($"/quanta/{quantumId}");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Data" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=empty-state]")).ToContainTextAsync("No data yet — add a source and run it", new() { Timeout = StepTimeout });

            // Add source → Upload: the file, the port and object prefilled with the bound contract's first object.
            await page.Locator("[data-testid=add-source]").First.ClickAsync();
            await page.Locator("[data-testid=add-source-upload]").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog.Locator("[data-testid=upload-limit]")).ToHaveTextAsync("1 GB");
            await dialog.Locator("input[type=file]").SetInputFilesAsync(csv);
            await Assertions.Expect(dialog.Locator("[data-testid=source-file-name]")).ToContainTextAsync(Path.GetFileName(csv), new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("#upload-name")).ToHaveValueAsync(new Regex("^e2e-orders-"));
            await Assertions.Expect(page.Locator("#upload-object")).ToHaveValueAsync("sales_order");
            await dialog.Locator("[data-testid=source-save]").ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = StepTimeout });

            // The run starts at once; its progress bar shows while it runs, then it succeeds.
            var run = page.Locator("[data-testid=run-panel]");
            await Assertions.Expect(run.Locator("[data-testid=run-progress]")).ToBeVisibleAsync(new() { Timeout = StepTimeout });
            await Assertions.Expect(run).ToHaveAttributeAsync("data-status", new Regex("^(succeeded|failed|cancelled)$"), new() { Timeout = RunTimeout });
            Assert.True(await run.GetAttributeAsync("data-status") == "succeeded", "The run did not succeed: " + await run.InnerTextAsync());
            await Assertions.Expect(run.Locator("[data-testid=run-read]")).ToHaveTextAsync("15");
            await Assertions.Expect(run.Locator("[data-testid=run-valid]")).ToHaveTextAsync("12");
            await Assertions.Expect(run.Locator("[data-testid=run-quarantined]")).ToHaveTextAsync("3");

            // The layer strip: silver holds the valid rows, the quarantine the planted ones.
            await Assertions.Expect(page.Locator("[data-testid=layer-silver] [data-testid=layer-rows]")).ToHaveAttributeAsync("data-rows", "12", new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=layer-silver] [data-testid=layer-rows]")).ToContainTextAsync("12 rows");
            await Assertions.Expect(page.Locator("[data-testid=layer-quarantine]")).ToContainTextAsync("3 quarantined");
            await Assertions.Expect(page.Locator("[data-testid=layer-bronze] [data-testid=layer-rows]")).ToContainTextAsync("15 rows");

            // The preview shows the rows; the quarantine shows the planted rows with their reasons.
            var preview = page.Locator("table[data-testid=preview]");
            await Assertions.Expect(preview).ToContainTextAsync("SO-20250001", new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=preview-range]")).ToHaveTextAsync("Rows 1–12 of 12");
            var quarantine = page.Locator("table[data-testid=quarantine]");
            await Assertions.Expect(quarantine).ToContainTextAsync("SO-20259002", new() { Timeout = StepTimeout });
            await Assertions.Expect(quarantine.Locator("tbody tr")).ToHaveCountAsync(3);

            // The run history lists the run with its counts.
            await Assertions.Expect(page.Locator("[data-testid=run-history] tbody tr[data-status=succeeded]")).ToHaveCountAsync(1);

            // And the tab, with data, passes the accessibility scan like the other pages, in light and dark mode.
            await AssertAccessibleAsync(page);

            // The same tab in dark mode, read fresh from the server.
            var dark = await portal.NewSignedInPageAsync("sales-owner", ColorScheme.Dark);
            try
            {
                await dark.GotoInteractiveAsync($"/quanta/{quantumId}");
                await dark.GetByRole(AriaRole.Tab, new() { Name = "Data" }).ClickAsync();
                await Assertions.Expect(dark.Locator("table[data-testid=quarantine]")).ToContainTextAsync("SO-20259003", new() { Timeout = StepTimeout });
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
            File.Delete(csv);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>axe-core finds no critical or serious violation. Snackbars fade in and out, so their colours are checked elsewhere, not mid-animation.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(300); // let MudBlazor's transitions settle so colours are final
        var axe = await page.RunAxe(new AxeRunContext { Exclude = [new AxeSelector(".mud-snackbar")] });
        var blocking = axe.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task Consumer_SeesTheEmptyStateForOthers_AndNoWriteButton()
    {
        var quantumId = await RegisterBoundQuantumAsync();
        var page = await portal.NewSignedInPageAsync("consumer");
        try
        {
            await page.GotoInteractiveAsync($"/quanta/{quantumId}");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Data" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=empty-state]")).ToContainTextAsync("The owners have not onboarded data yet", new() { Timeout = StepTimeout });
            await Assertions.Expect(page.Locator("[data-testid=add-source]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A fresh quantum of the sales domain whose output port serves the seeded sales-orders 1.1.0.</summary>
    private async Task<Guid> RegisterBoundQuantumAsync()
    {
        var api = portal.Api("sales-owner");
        var quantum = await api.RegisterQuantumAsync(new
        {
            domain = "sales",
            slug = ApiExtensions.UniqueSlug("e2e-onboarding"),
            name = "E2E onboarding",
            tier = "silver",
            description = "Registered by the onboarding browser test.",
            ports = new[] { new { direction = "output", name = "orders", kind = "table", description = "Validated orders." } },
        });
        var bind = await api.PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/ports/orders/contract", new { contractId = "sales-orders", version = "1.1.0" });
        Assert.True(bind.IsSuccessStatusCode, await bind.Content.ReadAsStringAsync());
        return quantum.Id;
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Catalog;

/// <summary>
/// The dictionary in a real browser, on the seeded demo mesh. The dictionary fills asynchronously after start-up
/// (a Hangfire rebuild), so each test first waits until the search API finds what it will look for.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CatalogSearchTests(PortalFixture portal)
{
    private const string Column = "customer_id";
    private const int DialogHits = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    private sealed record Hit(string Type, string Id, string Title, string Url, string? ContractId, string? ContractVersion);
    private sealed record Result(long Total, IReadOnlyList<Hit> Hits);
    private sealed record Contract(string Id, string Name);

    [Fact]
    public async Task CtrlK_OnTheHomePage_FindsASeededColumn_Highlighted_AndOpensItsContract()
    {
        var api = portal.Api("consumer");
        var column = await WaitForHitAsync(api, Column, $"pageSize={DialogHits}",
            h => h.Type == "column" && h.Title == Column && h.ContractId is not null);
        var contract = (await api.GetFromJsonAsync<Contract>($"/api/v1/contracts/{Uri.EscapeDataString(column.ContractId!)}", Json))!;

        var page = await portal.NewSignedInPageAsync("consumer");
        await page.GotoInteractiveAsync("/");
        var box = await OpenSearchDialogAsync(page);
        await Assertions.Expect(box).ToBeFocusedAsync();
        await box.PressSequentiallyAsync(Column);

        var hit = page.Locator($"[data-testid=dialog-results] [data-hit-id='{column.Id}']");
        await Assertions.Expect(hit.Locator("[data-testid=hit-title] mark").First).ToBeVisibleAsync();
        await Assertions.Expect(hit.Locator("[data-testid=hit-title]")).ToHaveTextAsync(Column);
        await AssertAccessibleAsync(page);
        await hit.Locator("[data-testid=hit-title]").ClickAsync();

        var versionPage = $"/contracts/{Uri.EscapeDataString(column.ContractId!)}/versions/{Uri.EscapeDataString(column.ContractVersion!)}";
        await page.WaitForURLAsync(new Regex(Regex.Escape(versionPage) + "(#.*)?$"), Committed);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(contract.Name);
        await Assertions.Expect(page.Locator("input[aria-label='Search the dictionary']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCatalog_KeepsTheSearchInTheAddress_FacetsFilter_AndBackGoesBack()
    {
        await WaitForHitAsync(portal.Api("consumer"), Column, "type=column", h => h.Title == Column);

        var page = await portal.NewSignedInPageAsync("consumer");
        await page.GotoInteractiveAsync("/catalog");
        var box = page.Locator("[data-testid=catalog-search] input, input[data-testid=catalog-search]").First;
        await Assertions.Expect(box).ToBeFocusedAsync();
        await box.PressSequentiallyAsync(Column);
        await Assertions.Expect(page.Locator("[data-testid=suggestion]").First).ToBeVisibleAsync();
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/catalog\?q=customer_id$"));
        await Assertions.Expect(page.Locator("[data-testid=search-results] [data-testid=search-hit]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=search-results] mark").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.Locator("[data-testid=facet-value][data-facet=type][data-value=column]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/catalog\?q=customer_id&type=column$"));
        await Assertions.Expect(page.Locator("[data-testid=active-filter]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=search-hit]:not([data-hit-type=column])")).ToHaveCountAsync(0);

        // Blazor navigates with the History API: back is a same-document navigation, with no load event to wait for.
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/catalog\?q=customer_id$"));
        await Assertions.Expect(page.Locator("[data-testid=active-filter]")).ToHaveCountAsync(0);
        await Assertions.Expect(box).ToHaveValueAsync(Column);
        await page.Context.CloseAsync();
    }

    /// <summary>Ctrl+K until the dialog's box shows: a press racing the circuit's start is remembered by app.js, this is a second guard.</summary>
    private static async Task<ILocator> OpenSearchDialogAsync(IPage page)
    {
        var box = page.Locator(".mud-dialog input[aria-label='Search the dictionary']");
        for (var attempt = 0; ; attempt++)
        {
            await page.Keyboard.PressAsync("Control+K");
            try
            {
                await box.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
                return box;
            }
            catch (TimeoutException) when (attempt < 2)
            {
            }
        }
    }

    private static async Task<Hit> WaitForHitAsync(HttpClient api, string query, string extra, Func<Hit, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = "";
        while (true)
        {
            var response = await api.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}&{extra}");
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<Result>(Json))?.Hits.FirstOrDefault(wanted) is { } hit)
                return hit;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The dictionary never found '{query}'; the search API last answered {last}");
            await Task.Delay(500);
        }
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(300); // let MudBlazor's transitions settle so colours are final
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        var text = new StringBuilder($"Accessibility violations on {page.Url}:");
        foreach (var v in blocking)
        {
            text.Append($"\n- [{v.Impact}] {v.Id}: {v.Help}");
            foreach (var node in v.Nodes.Take(3)) text.Append($"\n    at {node.Target}: {node.Html}");
        }
        Assert.True(blocking.Count == 0, text.ToString());
    }
}

using System.Net.Http.Headers;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Contracts;

/// <summary>axe-core on the contract pages: no critical or serious violation.</summary>
[Collection(PortalCollection.Name)]
public sealed class ContractAccessibilityTests(PortalFixture portal)
{
    private static readonly string[] Blocking = ["critical", "serious"];

    public static TheoryData<string> Pages =>
    [
        "/contracts",
        "/contracts/{id}",
        "/contracts/{id}/versions/1.0.0",
        "/contracts/{id}/diff?from=1.0.0&to=1.1.0",
        "/contracts/{id}/versions/1.1.0/edit",
        "/contracts/new?domain=sales",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ContractPage_HasNoSeriousViolations(string path)
    {
        var id = ApiExtensions.UniqueSlug("a11y");
        await ImportAsync(id, "1.0.0", "active");
        await ImportAsync(id, "1.1.0", "draft");

        var page = await portal.NewSignedInPageAsync("sales-owner");
        var response = await page.GotoInteractiveAsync(path.Replace("{id}", id));
        Assert.Equal(200, response!.Status);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300); // let MudBlazor's transitions settle so colours are final
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
        await page.Context.CloseAsync();
    }

    private async Task ImportAsync(string id, string version, string status)
    {
        // The first version has a third property the draft drops, so the diff has something breaking to show.
        var legacy = version == "1.0.0" ? "\n      - { name: legacy, logicalType: string }" : "";
        var yaml = "apiVersion: v3.1.0\nkind: DataContract\n"
                   + $"id: {id}\nname: Accessible orders\nversion: {version}\nstatus: {status}\n"
                   + "description: { purpose: Orders for the accessibility check. }\n"
                   + "schema:\n  - name: orders\n    properties:\n"
                   + "      - { name: order_id, logicalType: string, primaryKey: true, required: true, classification: internal }\n"
                   + "      - { name: email, logicalType: string, classification: confidential, customProperties: [{ property: pii, value: true }] }"
                   + legacy + "\n"
                   + "slaProperties: [{ property: latency, value: 4, unit: h }]\n";
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        var response = await portal.Api("sales-owner").PostAsync("/api/v1/contracts?domain=sales", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"Accessibility violations on {url}:");
        foreach (var v in violations)
        {
            text.Append($"\n- [{v.Impact}] {v.Id}: {v.Help}");
            foreach (var node in v.Nodes.Take(5)) text.Append($"\n    at {node.Target}: {node.Html}");
        }
        return text.ToString();
    }
}

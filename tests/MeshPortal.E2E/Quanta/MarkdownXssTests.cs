using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Quanta;

/// <summary>
/// Quantum descriptions are Markdown written by users. Each payload is saved through the API and opened in
/// a real browser: nothing may run, whether on load, on hover or on click, and the rendered description
/// may keep no script, event handler or script URL.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MarkdownXssTests(PortalFixture portal)
{
    public static TheoryData<string> Payloads =>
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:window.__xss=1)",
        "<a href=\"javascript:window.__xss=1\">x</a>",
        "<svg onload=\"window.__xss=1\">",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "[x](JaVaScRiPt:window.__xss=1)",
        "<details open ontoggle=\"window.__xss=1\"><summary>x</summary></details>",
        "<div style=\"position:fixed;inset:0;z-index:9999\" onmouseover=\"window.__xss=1\">hover me</div>",
        "[x](&#106;avascript:window.__xss=1)",
        "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:window.__xss=1)",
        "<javascript:window.__xss=1>",
        "![img](x\" onerror=\"window.__xss=1)",
        "![img](javascript:window.__xss=1)",
        "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
        "[x][evil]\n\n[evil]: javascript:window.__xss=1",
        "<a href=\"jav&#x09;ascript:window.__xss=1\">tab</a>",
        "<object data=\"javascript:window.__xss=1\"></object>",
        "<form action=\"javascript:window.__xss=1\"><button>go</button></form>",
        "<input autofocus onfocus=\"window.__xss=1\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
        "\"><script>alert(document.domain)</script>",
        "**bold** <b onmouseover=\"window.__xss=1\">b</b> _em_",
        "```html\n<script>window.__xss=1</script>\n```",
        "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | [x](javascript:window.__xss=1) |",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task MarkdownPayload_RendersInert(string payload)
    {
        var quantum = await portal.Api("sales-owner").RegisterQuantumAsync(new
        {
            domain = "sales",
            slug = ApiExtensions.UniqueSlug("xss"),
            name = "XSS probe",
            tier = "bronze",
            description = "Intro text.\n\n" + payload + "\n\nOutro text.",
        });

        var (page, detector) = await SharedViewerAsync();
        detector.Hits.Clear();
        foreach (var popup in page.Context.Pages.Where(p => p != page).ToList()) await popup.CloseAsync();
        await page.GotoInteractiveAsync($"/quanta/{quantum.Id}");
        var description = page.Locator("[data-testid=quantum-description]");
        await Assertions.Expect(description).ToContainTextAsync("Outro text.");

        await InteractAsync(page, description);
        await page.WaitForTimeoutAsync(250); // onerror/onload handlers fire asynchronously

        var leftovers = await description.EvaluateAsync<string[]>(DangerousMarkupScript);
        var xss = await page.EvaluateAsync<string?>("() => typeof window.__xss === 'undefined' ? null : String(window.__xss)");

        Assert.True(detector.Hits.IsEmpty, $"script ran: {string.Join("; ", detector.Hits)}");
        Assert.Null(xss);
        Assert.Empty(leftovers);
    }

    /// <summary>Proves the detector sees script that does run, so the test above can fail.</summary>
    [Fact]
    public async Task Detector_SeesScriptThatRuns()
    {
        var quantum = (await portal.Api("consumer").ListQuantaAsync("sales")).First();
        var (page, detector) = await NewViewerAsync();
        await page.GotoInteractiveAsync($"/quanta/{quantum.Id}");

        await page.EvaluateAsync("() => { window.__xss = 1; alert('probe'); }");
        await page.WaitForTimeoutAsync(100);
        await page.Context.CloseAsync();

        Assert.Contains("__xss=1", detector.Hits);
        Assert.Contains("dialog: probe", detector.Hits);
    }

    private sealed class Detector
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Hits { get; } = new();
        public bool IsEmpty => Hits.IsEmpty;
    }

    // One consumer page visits every payload: a fresh context per payload costs more than the checks.
    // Each payload is opened with a full navigation, so nothing carries over from one document to the next.
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static (PortalFixture Portal, IPage Page, Detector Detector)? _shared;

    private async Task<(IPage Page, Detector Detector)> SharedViewerAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is not { } shared || shared.Portal != portal || shared.Page.IsClosed)
            {
                var (page, detector) = await NewViewerAsync();
                _shared = shared = (portal, page, detector);
            }
            return (shared.Page, shared.Detector);
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>A consumer's page that reports any write to window.__xss and any dialog.</summary>
    private async Task<(IPage Page, Detector Detector)> NewViewerAsync()
    {
        var detector = new Detector();
        var page = await portal.NewSignedInPageAsync("consumer");
        // Report any write to window.__xss and any dialog, in every page and popup of the context, even
        // when the page navigates away afterwards.
        await page.Context.ExposeFunctionAsync("__xssReport", (string value) => detector.Hits.Enqueue("__xss=" + value));
        await page.Context.AddInitScriptAsync("""
            (() => {
              let value;
              Object.defineProperty(window, '__xss', {
                configurable: true,
                get() { return value; },
                set(v) { value = v; try { window.__xssReport(String(v)); } catch { } },
              });
            })();
            """);
        page.Context.Page += (_, popup) => popup.Dialog += (_, d) => { detector.Hits.Enqueue("dialog: " + d.Message); _ = d.DismissAsync(); };
        page.Dialog += (_, d) => { detector.Hits.Enqueue("dialog: " + d.Message); _ = d.DismissAsync(); };
        return (page, detector);
    }

    /// <summary>Hovers every element of the description and clicks every link or button in it.</summary>
    private static async Task InteractAsync(IPage page, ILocator description)
    {
        var start = page.Url;
        var elements = description.Locator("*");
        var count = Math.Min(await elements.CountAsync(), 40);
        for (var i = 0; i < count; i++)
        {
            try { await elements.Nth(i).HoverAsync(new() { Timeout = 1_000, Force = true }); }
            catch (PlaywrightException) { } // hidden or detached elements cannot be hovered
        }
        var clickable = description.Locator("a, button, summary, input");
        var clicks = Math.Min(await clickable.CountAsync(), 10);
        for (var i = 0; i < clicks; i++)
        {
            try { await clickable.Nth(i).ClickAsync(new() { Timeout = 1_000, Force = true }); }
            catch (PlaywrightException) { }
            if (page.Url != start) await page.GotoInteractiveAsync(start);
        }
    }

    private const string DangerousMarkupScript = """
        root => {
          const found = [];
          const forbiddenTags = ['script', 'iframe', 'frame', 'object', 'embed', 'base', 'form', 'meta', 'link', 'style'];
          const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background'];
          for (const el of root.querySelectorAll('*')) {
            const tag = el.tagName.toLowerCase();
            if (forbiddenTags.includes(tag)) found.push('<' + tag + '>');
            for (const attr of el.attributes) {
              const name = attr.name.toLowerCase();
              const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
              if (name.startsWith('on')) found.push(tag + '[' + name + ']');
              if (name === 'style') found.push(tag + '[style]');
              if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(value)) found.push(tag + '[' + name + '=' + attr.value + ']');
            }
          }
          return found;
        }
        """;
}

using System.Text.RegularExpressions;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Tests.Features.Shared;

public partial class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> XssPayloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\" />",
        "![x](x\" onerror=\"alert(1))",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[x](vbscript:msgbox(1))",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<body onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
        "- [ ] <img src=x onerror=alert(1)>",
        "**bold <img src=x onerror=alert(1)>**",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "https://ok.example/\"onmouseover=\"alert(1)",
        "www.example.com/<script>alert(1)</script>",
        "[x](https://ok.example \"title\\\" onmouseover=\\\"alert(1)\")",
    };

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void ToHtml_XssPayload_RendersInert(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotMatch(ScriptTag(), html);
        AssertInertWhenParsed(html);
    }

    /// <summary>
    /// Checks the DOM a browser would build from the output, where entities in attribute values are decoded
    /// and whitespace inside a scheme is ignored. (Text such as "&lt;img onerror=…&gt;" is shown, not run, so
    /// only real elements and attributes count.)
    /// </summary>
    private static void AssertInertWhenParsed(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotMatch(DangerousElement(), element.LocalName);
            if (element.LocalName == "input") Assert.Equal(("checkbox", true), (element.GetAttribute("type"), element.HasAttribute("disabled")));
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName} {attribute.Name}>");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("srcdoc", attribute.Name);
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                Assert.DoesNotMatch(DangerousScheme(), value);
            }
        }
    }

    [Fact]
    public void InertCheck_CatchesWhatItLooksFor()
    {
        // The checks above must be able to fail: each of these, were it ever output, is caught.
        foreach (var bad in new[] { "<img src=x onerror=alert(1)>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<iframe></iframe>", "<p style=\"x\">x</p>", "<a href=\" data:text/html,x\">x</a>", "<input type=text>" })
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertInertWhenParsed(bad));
        Assert.Matches(ScriptTag(), "<SCRIPT>");
    }

    [Fact]
    public void ToHtml_RawHtml_IsShownAsText()
    {
        var html = _renderer.ToHtml("Hello <b>world</b>");

        Assert.Contains("&lt;b&gt;world&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void ToHtml_CommonMarkdown_IsKept()
    {
        var html = _renderer.ToHtml("# Orders\n\n**one row** per line, see [docs](https://docs.example/orders).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done");

        Assert.Contains("<h1", html);
        Assert.Contains("<strong>one row</strong>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Matches("<a href=\"https://docs.example/orders\"[^>]*>docs</a>", html);
    }

    [Fact]
    public void ToHtml_Links_OpenInANewTabWithoutOpener()
    {
        var html = _renderer.ToHtml("[docs](https://docs.example) and mailto:team@example.com");

        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
        Assert.Contains("target=\"_blank\"", html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ToHtml_Nothing_IsEmpty(string? markdown) => Assert.Equal("", _renderer.ToHtml(markdown));

    [Fact]
    public void ToHtml_HugeInput_IsCutAtTheLimit()
    {
        var html = _renderer.ToHtml(new string('a', MarkdownRenderer.MaxInputLength + 50_000));
        Assert.Equal(MarkdownRenderer.MaxInputLength, html.Count(c => c == 'a'));
    }

    [GeneratedRegex("<\\s*/?\\s*script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("^(javascript|vbscript|data):", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousScheme();

    [GeneratedRegex("^(script|iframe|frame|object|embed|svg|math|form|style|meta|base|link|details|button|textarea|select)$", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousElement();
}

using Bunit;
using MeshPortal.Web.Components.Pages.Catalog;
using MeshPortal.Web.Tests.Search;
using Microsoft.AspNetCore.Components.Web;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>The catalog page on a real Lucene dictionary: what a user sees for a query, its facets, and its empty states.</summary>
public sealed class CatalogPageTests : SearchComponentTest
{
    private IRenderedComponent<CatalogPage> RenderAt(string uri, string user = Consumer)
    {
        SignInAs(user);
        RenderProviders();
        Navigation.NavigateTo(uri);
        return Render<CatalogPage>();
    }

    [Fact]
    public void TypingAQuery_AndEnter_PutsItInTheAddress_AndShowsHitsWithTheMatchesMarked()
    {
        var cut = RenderAt("/catalog");
        var box = cut.Find("input[aria-label='Search the dictionary']");

        box.Input("customer_id");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.EndsWith("/catalog?q=customer_id", Navigation.Uri));
        cut.WaitForAssertion(() =>
        {
            var title = cut.Find($"[data-hit-id='{DictionaryCorpus.CustomerIdColumn.Id}'] [data-testid=hit-title]");
            Assert.Equal("customer_id", title.TextContent.Trim());
            Assert.Contains(title.QuerySelectorAll("mark"), mark => mark.TextContent.StartsWith("customer"));
        });
        Assert.Contains("result", cut.Find("[data-testid=search-total]").TextContent);
    }

    [Fact]
    public void AColumnHit_ShowsItsTypes_Classification_AndLinksToItsContractAndQuantum()
    {
        var cut = RenderAt("/catalog?q=customer_id");

        var hit = cut.WaitForElement($"[data-hit-id='{DictionaryCorpus.CustomerIdColumn.Id}']");

        Assert.Equal("/contracts/orders/versions/1.1.0", hit.QuerySelector("[data-testid=hit-contract]")!.GetAttribute("href"));
        Assert.Equal("/domains/sales/quanta/orders", hit.QuerySelector("[data-testid=hit-quantum]")!.GetAttribute("href"));
        var path = hit.QuerySelector("[data-testid=hit-path]")!;
        Assert.Equal("orders.customer_id", path.TextContent.Trim());
        Assert.NotEmpty(path.QuerySelectorAll("mark"));
        Assert.DoesNotContain(hit.QuerySelectorAll("[data-testid=hit-highlight]"), s => s.TextContent.Trim() == "orders.customer_id");
        Assert.Contains("internal", hit.QuerySelector("[data-testid=column-facts]")!.TextContent);
        Assert.Contains("v1.1.0", hit.QuerySelector("[data-testid=hit-badges]")!.TextContent);
    }

    [Fact]
    public void ClickingAFacet_SetsItsFilterInTheAddress_KeepingTheText()
    {
        var cut = RenderAt("/catalog?q=customer");

        var columns = cut.WaitForElement("[data-testid=facet-value][data-facet=type][data-value=column]");
        Assert.Contains("3", columns.TextContent);
        columns.Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/catalog?q=customer&type=column", Navigation.Uri));
    }

    [Fact]
    public void AFilterFromTheAddress_NarrowsTheHits_AndCanBeRemoved()
    {
        var cut = RenderAt("/catalog?q=customer&domain=logistics");

        cut.WaitForAssertion(() => Assert.All(cut.FindAll("[data-testid=search-hit]"),
            hit => Assert.Contains("logistics", hit.QuerySelector("[data-testid=hit-badges]")!.TextContent)));
        Assert.NotEmpty(cut.FindAll("[data-testid=search-hit]"));
        cut.Find("[data-testid=clear-filters]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/catalog?q=customer", Navigation.Uri));
    }

    [Fact]
    public void FacetHintsTyped_InTheBox_BecomeFilters()
    {
        var cut = RenderAt("/catalog");
        var box = cut.Find("input[aria-label='Search the dictionary']");

        box.Input("customer tier:gold type:columns");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.EndsWith("/catalog?q=customer&type=column&tier=gold", Navigation.Uri));
    }

    [Fact]
    public void WithoutAQuery_ShowsWhatCanBeSearched_ExamplesAndRecentQuanta()
    {
        var cut = RenderAt("/catalog");

        cut.WaitForAssertion(() => Assert.Contains("Orders", cut.Find("[data-testid=recent-quanta]").TextContent));
        var examples = cut.FindAll("[data-testid=search-examples] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/catalog?q=customer_id", examples);
        Assert.Contains("/catalog?tier=gold", examples);
        Assert.Empty(cut.FindAll("[data-testid=search-hit]"));
    }

    [Fact]
    public void AQueryMatchingNothing_SuggestsSpellingAndBrowsing()
    {
        var cut = RenderAt("/catalog?q=zzyzx");

        cut.WaitForAssertion(() => Assert.Contains("No results for “zzyzx”", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains("spelling", cut.Find("[data-testid=no-result-tips]").TextContent);
        Assert.Contains(cut.FindAll("[data-testid=empty-state] a"), a => a.GetAttribute("href") == "/domains");
        Assert.Empty(cut.FindAll("[data-testid=no-result-clear]"));
    }

    [Fact]
    public void FiltersMatchingNothing_OfferToSearchWithoutThem()
    {
        var cut = RenderAt("/catalog?q=customer&tier=platinum");

        cut.WaitForElement("[data-testid=no-result-clear]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/catalog?q=customer", Navigation.Uri));
    }

    [Fact]
    public void HtmlInATitleOrDescription_IsShownAsText_NeverRun()
    {
        var cut = RenderAt("/catalog?q=remark");

        var hit = cut.WaitForElement($"[data-hit-id='{ScriptColumn.Id}']");

        Assert.Empty(hit.QuerySelectorAll("script"));
        Assert.Empty(hit.QuerySelectorAll("img"));
        Assert.Contains("<script>alert('title')</script>", hit.QuerySelector("[data-testid=hit-title]")!.TextContent);
        Assert.Contains("<img src=x onerror=alert('description')>", hit.TextContent);
        Assert.NotEmpty(hit.QuerySelectorAll("mark"));
    }

    [Fact]
    public void ASearchClusterThatIsDown_IsAnAlert_NotACrash()
    {
        Index.Failure = SwitchableIndex.ClusterDown();

        var cut = RenderAt("/catalog?q=customer");

        cut.WaitForAssertion(() => Assert.Contains("Search is unavailable", cut.Find("[data-testid=search-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=search-hit]"));
    }

    [Fact]
    public void AQueryTooLong_IsSearchedTruncated_WithTheNoticeShown()
    {
        var cut = RenderAt("/catalog?q=" + Uri.EscapeDataString("customer " + new string('x', 400)));

        cut.WaitForAssertion(() => Assert.Contains("only the first", cut.Find("[data-testid=search-notice]").TextContent));
    }

    [Fact]
    public void PagingPastTheEnd_SaysSo_AndLinksToTheFirstPage()
    {
        var cut = RenderAt("/catalog?q=customer&page=9");

        cut.WaitForAssertion(() => Assert.Equal("/catalog?q=customer", cut.Find("[data-testid=past-the-end] a").GetAttribute("href")));
    }

    [Fact]
    public void PlatformAdmins_SeeTheWayToTheDictionaryAdmin()
    {
        var cut = RenderAt("/catalog", Admin);

        cut.WaitForAssertion(() => Assert.Equal("/catalog/admin", cut.Find("[data-testid=dictionary-admin]").GetAttribute("href")));
    }

    [Fact]
    public void Consumers_DoNotSeeTheDictionaryAdmin()
    {
        var cut = RenderAt("/catalog");

        cut.WaitForElement("[data-testid=recent-quanta]");
        Assert.Empty(cut.FindAll("[data-testid=dictionary-admin]"));
    }
}

using MeshPortal.Web.Components.Search;
using MeshPortal.Web.Search;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>"facet:value" words typed in the box become filters; everything else stays text.</summary>
public sealed class CatalogQueryTests
{
    [Fact]
    public void FacetHints_BecomeFilters_AndPagingRestarts()
    {
        var parsed = CatalogQuery.Parse("customer Tier:gold tag:pii", new SearchRequest { Domain = "sales", Page = 4 });

        Assert.Equal("customer", parsed.Text);
        Assert.Equal(("gold", "pii", "sales", 1), (parsed.Tier, parsed.Tag, parsed.Domain, parsed.Page));
        Assert.Equal("/catalog?q=customer&domain=sales&tier=gold&tag=pii", CatalogLinks.For(parsed));
    }

    [Theory]
    [InlineData("type:columns", "column")]
    [InlineData("type:quanta", "quantum")]
    [InlineData("type:Contract", "contract")]
    public void Types_AcceptPluralsAndCase(string typed, string type) => Assert.Equal(type, CatalogQuery.Parse(typed, new SearchRequest()).Type);

    [Theory]
    [InlineData("type:tables")]
    [InlineData("owner:sam")]
    [InlineData("tier:")]
    [InlineData("http://example.com")]
    public void UnknownHints_StayText(string typed) => Assert.Equal(typed, CatalogQuery.Parse(typed, new SearchRequest()).Text);

    [Fact]
    public void QuantumLinks_UseTheDomainAndSlug()
    {
        Assert.Equal("/domains/sales/quanta/orders", CatalogLinks.Quantum("sales/orders"));
        Assert.Null(CatalogLinks.Quantum("orders"));
        Assert.Null(CatalogLinks.Quantum(null));
    }

    [Theory]
    [InlineData("plain <mark>text</mark> &lt;b&gt;", true)]
    [InlineData("<b>bold</b>", false)]
    [InlineData("<mark onclick=x>t</mark>", false)]
    public void OnlyEncodedTextAndMarks_AreRenderedAsMarkup(string fragment, bool safe) => Assert.Equal(safe, HighlightFragment.IsSafe(fragment));
}

using Bunit;
using MeshPortal.Web.Components.Pages.Quanta;

namespace MeshPortal.Web.Tests.Components.Quanta;

/// <summary>The list's filters come from the address, so a shared link shows the same view.</summary>
public sealed class QuantaListTests : PortalComponentTest
{
    private IRenderedComponent<QuantaList> RenderAt(string uri)
    {
        SignInAs(Consumer);
        RenderProviders();
        Navigation.NavigateTo(uri);
        return Render<QuantaList>();
    }

    [Fact]
    public void TextFromTheAddress_FiltersTheList()
    {
        var cut = RenderAt("/quanta?q=order");

        cut.WaitForAssertion(() => Assert.Equal("1 quantum", cut.Find("[data-testid=quanta-count]").TextContent.Trim()));
        Assert.Equal($"/quanta/{OrdersId}", cut.Find("[data-testid=quanta-table] a[href^='/quanta/']").GetAttribute("href"));
    }

    [Fact]
    public void FiltersMatchingNothing_OfferToClearThem()
    {
        var cut = RenderAt("/quanta?tier=gold&domain=sales");

        cut.WaitForAssertion(() => Assert.Contains("No quanta match these filters", cut.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public void MyQuanta_ForSomeoneOwningNone_PointsToWhatTheyCanDo()
    {
        SignInAs(Engineer);
        var cut = Render<MyQuanta>();

        cut.WaitForAssertion(() => Assert.Contains("You own no quanta yet", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains(cut.FindAll("[data-testid=empty-state] a"), a => a.GetAttribute("href") == "/quanta/new");
    }
}

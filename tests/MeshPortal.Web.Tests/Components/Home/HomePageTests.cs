using Bunit;
using Microsoft.AspNetCore.Components.Web;
using HomePage = MeshPortal.Web.Components.Pages.Home;

namespace MeshPortal.Web.Tests.Components.Home;

public sealed class HomePageTests : PortalComponentTest
{
    private IRenderedComponent<HomePage> RenderHome()
    {
        SignInAs(Consumer);
        RenderProviders();
        var cut = Render<HomePage>();
        cut.WaitForElement("[data-testid=stat-quanta]");
        return cut;
    }

    [Fact]
    public void Home_ShowsTheMeshAtAGlance()
    {
        var cut = RenderHome();

        Assert.Equal("1", Stat(cut, "domains"));
        Assert.Equal("1", Stat(cut, "quanta"));
        Assert.Equal("0", Stat(cut, "active"));
        Assert.Equal("0", Stat(cut, "gold"));
        Assert.Contains("Orders", cut.Find("[data-testid=quantum-card]").TextContent);
        Assert.Contains("Sales", cut.Find("[data-testid=domain-card]").TextContent);
    }

    private static string Stat(IRenderedComponent<HomePage> cut, string key) => cut.Find($"[data-testid=stat-{key}] p").TextContent.Trim();

    [Fact]
    public void Search_OnEnter_OpensTheCatalogWithTheText()
    {
        var cut = RenderHome();
        var box = cut.Find("input[aria-label='Search the mesh']");

        box.Input("customer orders");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith("/catalog?q=customer%20orders", Navigation.Uri);
    }
}

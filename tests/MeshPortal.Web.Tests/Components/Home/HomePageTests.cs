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

        Assert.Contains("1", cut.Find("[data-testid=stat-domains]").TextContent);
        Assert.Contains("1", cut.Find("[data-testid=stat-quanta]").TextContent);
        Assert.Contains("0", cut.Find("[data-testid=stat-gold]").TextContent);
        Assert.Contains("Orders", cut.Find("[data-testid=quantum-card]").TextContent);
        Assert.Contains("Sales", cut.Find("[data-testid=domain-card]").TextContent);
    }

    [Fact]
    public void Search_OnEnter_OpensTheQuantaListWithTheText()
    {
        var cut = RenderHome();
        var box = cut.Find("input[aria-label='Search the mesh']");

        box.Input("customer orders");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith("/quanta?q=customer%20orders", Navigation.Uri);
    }
}

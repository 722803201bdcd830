using Bunit;
using MeshPortal.Web.Components.Pages.Domains;
using MeshPortal.Web.Features.Domains;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Components.Domains;

public sealed class DomainPagesTests : PortalComponentTest
{
    private IRenderedComponent<DomainPage> RenderSales(string username)
    {
        SignInAs(username);
        RenderProviders();
        var cut = Render<DomainPage>(p => p.Add(x => x.Slug, "sales"));
        cut.WaitForAssertion(() => Assert.Equal("Sales", cut.Find("h1").TextContent.Trim()));
        return cut;
    }

    [Theory]
    [InlineData(Consumer, false, false)]
    [InlineData(Engineer, true, false)]
    [InlineData(Owner, true, true)]
    [InlineData(Cdo, false, true)]
    public void DomainPage_OffersRegisteringAndMembership_ByRole(string username, bool canRegister, bool canManage)
    {
        var cut = RenderSales(username);

        Assert.Equal(canRegister, cut.FindAll("[data-testid=register-quantum-link]").Count == 1);
        Assert.Equal(canManage, cut.FindAll("form[aria-label='Add a member']").Count == 1);
        Assert.Equal(2, cut.FindAll("[data-testid=domain-member]").Count);
        Assert.Contains("Orders", cut.Find("[data-testid=domain-quanta]").TextContent);
    }

    [Fact]
    public void DomainPage_LinksRegistrationToTheDomain()
    {
        var cut = RenderSales(Engineer);

        Assert.Equal("/quanta/new?domain=sales", cut.Find("[data-testid=register-quantum-link]").GetAttribute("href"));
    }

    [Fact]
    public void UnknownDomain_SaysNotFound()
    {
        SignInAs(Consumer);
        var cut = Render<DomainPage>(p => p.Add(x => x.Slug, "nope"));

        cut.WaitForAssertion(() => Assert.Equal("Domain not found", cut.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public async Task Owner_AddsAMember_ByUsername()
    {
        var cut = RenderSales(Owner);
        cut.Find("form[aria-label='Add a member'] input").Change(Consumer);

        cut.Find("form[aria-label='Add a member']").Submit();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=domain-member]").Count));
        var sales = await Services.GetRequiredService<DomainService>().GetAsync("sales");
        Assert.Contains(sales!.Members, m => m.Username == Consumer && m.Role == "domain-engineer");
    }

    [Fact]
    public void AddingAnUnknownUser_SaysSoBesideTheField()
    {
        var cut = RenderSales(Owner);
        cut.Find("form[aria-label='Add a member'] input").Change("nobody");

        cut.Find("form[aria-label='Add a member']").Submit();

        cut.WaitForAssertion(() => Assert.Contains("There is no user 'nobody'.", cut.Find("form[aria-label='Add a member']").TextContent));
    }

    [Theory]
    [InlineData(Cdo, true)]
    [InlineData(Owner, false)]
    [InlineData(Consumer, false)]
    public void DomainList_OffersNewDomain_OnlyToThoseWhoAdministerDomains(string username, bool offered)
    {
        SignInAs(username);
        var cut = Render<DomainList>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=domain-card]")));
        Assert.Equal(offered, cut.FindAll("[data-testid=new-domain]").Count == 1);
    }

    [Fact]
    public async Task NewDomainDialog_SuggestsTheSlug_AndCreatesTheDomain()
    {
        SignInAs(Cdo);
        RenderProviders();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<DomainList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-domain]").Click());

        dialogs.WaitForAssertion(() => dialogs.Find("#domain-name").Input("Customer Service"));
        Assert.Equal("customer-service", dialogs.Find("#domain-slug").GetAttribute("value"));
        dialogs.Find("#new-domain-form").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith("/domains/customer-service", Navigation.Uri));
        Assert.NotNull(await Services.GetRequiredService<DomainService>().GetAsync("customer-service"));
    }
}

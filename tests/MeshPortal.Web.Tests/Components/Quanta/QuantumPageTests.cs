using Bunit;
using MeshPortal.Web.Components.Pages.Quanta;
using MeshPortal.Web.Features.Quanta;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Components.Quanta;

public sealed class QuantumPageTests : PortalComponentTest
{
    private IRenderedComponent<QuantumPage> RenderPage(string username)
    {
        SignInAs(username);
        RenderProviders();
        var cut = Render<QuantumPage>(p => p.Add(x => x.Id, OrdersId));
        cut.WaitForAssertion(() => Assert.Equal("Orders", cut.Find("h1").TextContent.Trim()));
        return cut;
    }

    [Fact]
    public void Consumer_SeesTheQuantum_ButNoEditOrLifecycleAction()
    {
        var cut = RenderPage(Consumer);

        Assert.Contains("order line", cut.Find("[data-testid=quantum-description]").InnerHtml);
        Assert.Empty(cut.FindAll("[data-testid=edit-quantum]"));
        Assert.Empty(cut.FindAll("[data-testid^=status-]"));
    }

    [Fact]
    public void Owner_SeesEdit_AndTheNextLifecycleSteps()
    {
        var cut = RenderPage(Owner);

        Assert.Equal("/quanta/" + OrdersId + "/edit", cut.Find("[data-testid=edit-quantum]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=status-active]"));
        Assert.NotNull(cut.Find("[data-testid=status-retired]"));
    }

    [Fact]
    public void Engineer_SeesEdit_ButLeavesLifecycleToTheOwners()
    {
        var cut = RenderPage(Engineer);

        Assert.NotNull(cut.Find("[data-testid=edit-quantum]"));
        Assert.Empty(cut.FindAll("[data-testid^=status-]"));
    }

    [Fact]
    public async Task Owner_ActivatesAfterConfirming()
    {
        SignInAs(Owner);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<QuantumPage>(p => p.Add(x => x.Id, OrdersId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=status-active]").Click());

        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Activate").Click());

        cut.WaitForAssertion(() => Assert.Contains("Status: active", cut.Find("[data-testid=quantum-badges]").InnerHtml));
        Assert.Equal("active", (await Services.GetRequiredService<QuantumService>().GetAsync(OrdersId))!.Status);
        Assert.NotNull(cut.Find("[data-testid=status-deprecated]"));
    }

    [Fact]
    public async Task StatusChange_AfterSomeoneElseSaved_SaysStale_AndChangesNothing()
    {
        SignInAs(Owner);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<QuantumPage>(p => p.Add(x => x.Id, OrdersId));
        cut.WaitForState(() => cut.FindAll("[data-testid=status-retired]").Count == 1);
        var service = Services.GetRequiredService<QuantumService>();
        var current = (await service.GetAsync(OrdersId))!;
        Assert.True((await service.UpdateAsync(await CallerAsync(Engineer), OrdersId, QuantumService.ToInput(current) with { Name = "Orders v2" }, current.Version)).Succeeded);

        cut.Find("[data-testid=status-retired]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Retire").Click());

        cut.WaitForAssertion(() => Assert.Contains("changed by someone else", cut.Find("[data-testid=quantum-message]").TextContent));
        Assert.Equal("draft", (await service.GetAsync(OrdersId))!.Status);
        cut.Find("[data-testid=reload-quantum]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Orders v2", cut.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public void BySlug_ResolvesToTheSamePage()
    {
        SignInAs(Consumer);
        RenderProviders();
        var cut = Render<QuantumPage>(p => p.Add(x => x.DomainSlug, "sales").Add(x => x.QuantumSlug, "orders"));

        cut.WaitForAssertion(() => Assert.Equal("Orders", cut.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public void UnknownQuantum_SaysNotFound()
    {
        SignInAs(Consumer);
        var cut = Render<QuantumPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Equal("Quantum not found", cut.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public async Task Edit_AfterSomeoneElseSaved_SaysStale_AndSavesNothing()
    {
        SignInAs(Owner);
        RenderProviders();
        var cut = Render<EditQuantum>(p => p.Add(x => x.Id, OrdersId));
        cut.WaitForState(() => cut.FindAll("#quantum-name").Count > 0);

        // Someone else saves first.
        var service = Services.GetRequiredService<QuantumService>();
        var current = (await service.GetAsync(OrdersId))!;
        var other = await service.UpdateAsync(await CallerAsync(Engineer), OrdersId, QuantumService.ToInput(current) with { Name = "Orders (theirs)" }, current.Version);
        Assert.True(other.Succeeded);

        cut.Find("#quantum-name").Input("Orders (mine)");
        cut.Find("[data-testid=quantum-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("changed by someone else", cut.Find("[data-testid=form-message]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=reload-quantum]"));
        Assert.Equal("Orders (theirs)", (await service.GetAsync(OrdersId))!.Name);
    }
}

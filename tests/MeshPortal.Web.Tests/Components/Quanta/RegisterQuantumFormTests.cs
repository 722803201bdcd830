using AngleSharp.Dom;
using Bunit;
using MeshPortal.Web.Components.Pages.Quanta;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Components.Quanta;

/// <summary>The registration form against the real service and database: messages beside the field they name, nothing half-saved.</summary>
public sealed class RegisterQuantumFormTests : PortalComponentTest
{
    private IRenderedComponent<RegisterQuantum> RenderForm(string username, string? domain = "sales")
    {
        SignInAs(username);
        RenderProviders();
        Navigation.NavigateTo(domain is null ? "/quanta/new" : $"/quanta/new?domain={domain}");
        var cut = Render<RegisterQuantum>();
        cut.WaitForState(() => cut.FindAll("[data-testid=quantum-form], [data-testid=empty-state]").Count > 0);
        return cut;
    }

    /// <summary>The text around one input: its label, helper and error text.</summary>
    private static string FieldText(IRenderedComponent<RegisterQuantum> cut, string inputId) =>
        cut.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent;

    private static void Submit(IRenderedComponent<RegisterQuantum> cut) => cut.Find("[data-testid=quantum-form]").Submit();

    [Fact]
    public async Task EmptySubmit_ShowsNameRequiredBesideName_AndSavesNothing()
    {
        var before = (await QuantaInDbAsync()).Count;
        var cut = RenderForm(Engineer);

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("A name is required.", FieldText(cut, "quantum-name")));
        Assert.Contains("A slug is required.", FieldText(cut, "quantum-slug"));
        Assert.DoesNotContain("A name is required.", FieldText(cut, "quantum-slug"));
        Assert.Contains("Nothing was saved", cut.Find("[data-testid=form-message]").TextContent);
        Assert.Equal(before, (await QuantaInDbAsync()).Count);
        Assert.EndsWith("/quanta/new?domain=sales", Navigation.Uri);
    }

    [Fact]
    public void InvalidSlug_ShowsTheRuleBesideSlug()
    {
        var cut = RenderForm(Engineer);
        cut.Find("#quantum-name").Input("Orders EU");
        cut.Find("#quantum-slug").Input("Orders EU!");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("Use lowercase letters, digits and single hyphens", FieldText(cut, "quantum-slug")));
        Assert.DoesNotContain("Use lowercase letters", FieldText(cut, "quantum-name"));
    }

    [Fact]
    public void Slug_IsSuggestedFromTheName_UntilEditedByHand()
    {
        var cut = RenderForm(Engineer);

        cut.Find("#quantum-name").Input("Orders (EU) — Daily");
        Assert.Equal("orders-eu-daily", cut.Find("#quantum-slug").GetAttribute("value"));

        cut.Find("#quantum-slug").Input("eu-orders");
        cut.Find("#quantum-name").Input("Orders (EU) — Hourly");
        Assert.Equal("eu-orders", cut.Find("#quantum-slug").GetAttribute("value"));
    }

    [Fact]
    public async Task DuplicateSlug_ShowsTheConflictBesideSlug_AndSavesNothing()
    {
        var cut = RenderForm(Owner);
        cut.Find("#quantum-name").Input("Orders");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("The Sales domain already has a quantum 'orders'.", FieldText(cut, "quantum-slug")));
        Assert.Single(await QuantaInDbAsync(), q => q.Slug == "orders");
    }

    [Fact]
    public async Task InvalidPort_ShowsItsMessageInItsRow_AndSavesNothing()
    {
        var cut = RenderForm(Engineer);
        cut.Find("#quantum-name").Input("Shipments");
        cut.Find("[data-testid=add-output-port]").Click();
        cut.WaitForElement("[data-testid=port-row-0]");
        cut.Find("[data-testid=add-management-port]").Click();
        cut.WaitForElement("[data-testid=port-row-1]");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("A port needs a name.", cut.Find("[data-testid=port-row-0]").TextContent));
        Assert.Contains("A management port needs an endpoint.", cut.Find("[data-testid=port-row-1]").TextContent);
        Assert.DoesNotContain("endpoint", cut.Find("[data-testid=port-row-0]").TextContent);
        Assert.DoesNotContain(await QuantaInDbAsync(), q => q.Slug == "shipments");
    }

    [Fact]
    public async Task ValidSubmit_SavesTheQuantum_AndOpensItsPage()
    {
        var cut = RenderForm(Engineer);
        cut.Find("#quantum-name").Input("Shipments daily");
        cut.Find("#quantum-description").Input("Every **shipment**, one row per parcel.");
        cut.Find("#quantum-tags").Change("logistics, Daily");
        cut.Find("[data-testid=add-output-port]").Click();
        cut.WaitForElement("#port-0-name").Change("parcels");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Matches(@"/quanta/[0-9a-f-]{36}$", Navigation.Uri));
        var saved = Assert.Single(await QuantaInDbAsync(), q => q.Slug == "shipments-daily");
        Assert.Equal("Shipments daily", saved.Name);
        Assert.Equal("sales", saved.Domain!.Slug);
        Assert.Equal(Engineer, saved.Owner!.Username);
        Assert.Equal(["logistics", "daily"], saved.Tags);
        Assert.Equal("Every **shipment**, one row per parcel.", saved.Description);
        Assert.Equal("parcels", Assert.Single(saved.Ports).Name);
        Assert.EndsWith($"/quanta/{saved.Id}", Navigation.Uri);
    }

    [Fact]
    public void Consumer_HasNoDomainToRegisterIn_AndNoSubmitButton()
    {
        var cut = RenderForm(Consumer);

        Assert.Contains("You are not a member of any domain yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=register-quantum]"));
    }

    [Fact]
    public async Task MemberWhoLostTheRole_GetsTheForbiddenMessage_AndNothingIsSaved()
    {
        var cut = RenderForm(Engineer);
        cut.Find("#quantum-name").Input("Late arrival");
        await using (var db = await Db.CreateDbContextAsync())
            await db.DomainMembers.Where(m => m.User!.Username == Engineer).ExecuteDeleteAsync();

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("Only members of the Sales domain may register quanta in it.", cut.Find("[data-testid=form-message]").TextContent));
        Assert.DoesNotContain(await QuantaInDbAsync(), q => q.Slug == "late-arrival");
    }
}

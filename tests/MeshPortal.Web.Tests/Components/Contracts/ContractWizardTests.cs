using System.Text.Json.Nodes;
using Bunit;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Components.Contracts.Wizard;
using MeshPortal.Web.Components.Pages.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Components.Contracts;

/// <summary>The authoring wizard against the real services and database: checks per step, and a draft saved at every step.</summary>
public sealed class ContractWizardTests : PortalComponentTest
{
    private IRenderedComponent<ContractWizard> RenderWizard(string url = "/contracts/new")
    {
        SignInAs(Owner);
        RenderProviders();
        Navigation.NavigateTo(url);
        var cut = Render<ContractWizard>();
        cut.WaitForState(() => cut.FindAll("#wizard-name").Count > 0, TimeSpan.FromSeconds(5));
        return cut;
    }

    private static void Next(IRenderedComponent<ContractWizard> cut) => cut.Find("[data-testid=wizard-next]").Click();

    private static string FieldText(IRenderedComponent<ContractWizard> cut, string inputId) =>
        cut.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent;

    private async Task<ContractVersion?> StoredAsync(string id, string version)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.ContractVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContractId == id && v.Version == version);
    }

    [Fact]
    public async Task Next_OnFundamentals_WithoutIdAndName_ShowsTheErrorsBesideThem_AndStays()
    {
        var cut = RenderWizard();

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("A name is required", FieldText(cut, "wizard-name")));
        Assert.Contains("An id is required", FieldText(cut, "wizard-id"));
        Assert.Contains("Fix the problems in Fundamentals", cut.Find("[data-testid=wizard-message]").TextContent);
        Assert.NotEmpty(cut.FindAll("#wizard-name"));
        Assert.Empty(cut.FindAll("[data-testid=save-status]"));
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.Contracts.CountAsync());
    }

    [Fact]
    public void Id_IsSuggestedFromTheName()
    {
        var cut = RenderWizard();

        cut.Find("#wizard-name").Change("Sales Orders (EU)");

        cut.WaitForAssertion(() => Assert.Equal("sales-orders-eu", cut.Find("#wizard-id").GetAttribute("value")));
    }

    [Fact]
    public async Task Next_SavesADraft_AndALaterStep_UpdatesIt()
    {
        var cut = RenderWizard("/contracts/new?domain=sales");
        cut.Find("#wizard-name").Change("Order book");

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("Saved draft 1.0.0 · revision 1", cut.Find("[data-testid=save-status]").TextContent), TimeSpan.FromSeconds(5));
        var first = await StoredAsync("order-book", "1.0.0");
        Assert.NotNull(first);
        Assert.Equal(ContractStatus.Draft, first.Status);
        Assert.Equal(1, first.Revision);

        // Schema step: one object with one property.
        cut.Find("[data-testid=add-object]").Click();
        cut.Find("#wizard-schema-0-name").Change("orders");
        cut.Find("#wizard-schema-0-properties-0-name").Change("order_id");
        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("revision 2", cut.Find("[data-testid=save-status]").TextContent), TimeSpan.FromSeconds(5));
        var second = await StoredAsync("order-book", "1.0.0");
        Assert.Equal(2, second!.Revision);
        Assert.Equal("order_id", ContractNormalizer.Normalize(JsonNode.Parse(second.Document)!.AsObject()).Objects[0].Properties[0].Name);
    }

    [Fact]
    public async Task Next_OnSchema_WithAnUnnamedProperty_StaysAndSavesNothingMore()
    {
        var cut = RenderWizard();
        cut.Find("#wizard-name").Change("Order book");
        Next(cut);
        cut.WaitForState(() => cut.FindAll("[data-testid=add-object]").Count > 0, TimeSpan.FromSeconds(5));
        cut.Find("[data-testid=add-object]").Click();
        cut.Find("#wizard-schema-0-name").Change("orders");

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("Name the property.", FieldText(cut, "wizard-schema-0-properties-0-name")));
        Assert.Contains("/schema/0/properties/0/name", cut.Find("[data-testid=step-problems]").TextContent);
        Assert.Equal(1, (await StoredAsync("order-book", "1.0.0"))!.Revision);
    }

    [Fact]
    public void ReviewStep_ListsSchemaErrorsByPointer_AndPreviewsTheYaml()
    {
        var draft = new ContractDraft { Id = "orders", Name = "Orders" };
        var o = new DraftObject { Name = "orders" };
        o.Properties.Add(new DraftProperty { Name = "order_id", LogicalType = "string" });
        o.Properties.Add(new DraftProperty { Name = "amount", LogicalType = "money" });
        draft.Objects.Add(o);
        var context = new WizardContext { Draft = draft, Domain = "sales" };

        var cut = Render<ReviewStep>(p => p.Add(x => x.Context, context));

        var problems = cut.Find("[data-testid=review-problems]").TextContent;
        Assert.Contains("/schema/0/properties/1/logicalType", problems);
        Assert.Contains("(Schema)", problems);
        var yaml = cut.Find("[data-testid=review-yaml]").TextContent;
        Assert.Contains("order_id", yaml);
        Assert.Contains("amount", yaml);
        Assert.Contains("money", yaml);
    }

    [Fact]
    public async Task NewVersion_FromAnExistingOne_IsTheNextMinor_AndKeepsWhatTheWizardDoesNotShow()
    {
        var authoring = Services.GetRequiredService<ContractAuthoring>();
        var imported = await authoring.ImportAsync(await CallerAsync(Owner), """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            name: Orders
            version: 1.0.0
            status: active
            servers:
              - server: prod
                type: duckdb
                database: quanta/orders.duckdb
            price: { priceAmount: 2, priceCurrency: EUR, priceUnit: megabyte }
            schema:
              - name: orders
                properties:
                  - { name: order_id, logicalType: string, primaryKey: true, examples: ["SO-1"] }
            """, new ImportTarget(Domain: "sales"));
        Assert.True(imported.Succeeded, $"{imported.Message} {string.Join("; ", imported.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");

        var cut = RenderWizard("/contracts/new?from=orders&version=1.0.0");
        Assert.Equal("1.1.0", cut.Find("#wizard-version").GetAttribute("value"));
        Assert.True(cut.Find("#wizard-id").HasAttribute("disabled"));

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("Saved draft 1.1.0", cut.Find("[data-testid=save-status]").TextContent), TimeSpan.FromSeconds(5));
        var stored = JsonNode.Parse((await StoredAsync("orders", "1.1.0"))!.Document)!.AsObject();
        Assert.Equal("prod", stored["servers"]![0]!["server"]!.GetValue<string>());
        Assert.Equal("EUR", stored["price"]!["priceCurrency"]!.GetValue<string>());
        Assert.Equal("""["SO-1"]""", stored["schema"]![0]!["properties"]![0]!["examples"]!.ToJsonString());
        Assert.Equal("draft", stored["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task NewContract_WithAnIdThatExists_SaysSoBesideTheId()
    {
        var authoring = Services.GetRequiredService<ContractAuthoring>();
        await authoring.ImportAsync(await CallerAsync(Owner), "{ apiVersion: v3.1.0, kind: DataContract, id: orders, name: Orders, version: 1.0.0, status: draft }", new ImportTarget(Domain: "sales"));
        var cut = RenderWizard();
        cut.Find("#wizard-name").Change("Orders");

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("exists already", FieldText(cut, "wizard-id")), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("[data-testid=save-status]"));
    }

    [Fact]
    public void Template_PrefillsTheSchema()
    {
        var cut = RenderWizard("/contracts/new?template=event-stream");
        cut.Find("#wizard-name").Change("Order events");

        Next(cut);

        cut.WaitForAssertion(() => Assert.Equal("events", cut.Find("#wizard-schema-0-name").GetAttribute("value")), TimeSpan.FromSeconds(5));
        Assert.Equal("event_id", cut.Find("#wizard-schema-0-properties-0-name").GetAttribute("value"));
    }

    [Fact]
    public async Task ChildContract_NamesItsParent_AndOffersToRefineTheInheritedObjects()
    {
        var authoring = Services.GetRequiredService<ContractAuthoring>();
        var parent = await authoring.ImportAsync(await CallerAsync(Owner),
            "{ apiVersion: v3.1.0, kind: DataContract, id: customers, name: Customers, version: 1.0.0, status: active, schema: [{ name: customer, properties: [{ name: customer_id, logicalType: string }] }] }",
            new ImportTarget(Domain: "sales"));
        Assert.True(parent.Succeeded, parent.Message);
        var cut = RenderWizard("/contracts/new?extends=customers&version=1.0.0");
        Assert.Contains("customers@1.0.0", cut.Find("[data-testid=wizard-extends]").TextContent);
        cut.Find("#wizard-name").Change("Customer profiles");

        Next(cut);

        cut.WaitForAssertion(() => Assert.Contains("Saved draft 1.0.0", cut.Find("[data-testid=save-status]").TextContent), TimeSpan.FromSeconds(5));
        var stored = await StoredAsync("customer-profiles", "1.0.0");
        Assert.Equal(("customers", "1.0.0"), (stored!.ParentContractId, stored.ParentVersion));
        Assert.Contains("Refine customer", cut.Find("[data-testid=inherited-objects]").TextContent);
    }
}

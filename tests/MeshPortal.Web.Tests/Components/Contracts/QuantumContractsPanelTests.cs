using Bunit;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Components.Pages.Contracts;
using MeshPortal.Web.Features.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Components.Contracts;

/// <summary>The Contracts tab of a quantum and the contract page's actions, on the real services.</summary>
public sealed class QuantumContractsPanelTests : PortalComponentTest
{
    private const string Contract = "apiVersion: v3.1.0\nkind: DataContract\nid: order-lines\nname: Order lines\nversion: 1.0.0\nstatus: active\n"
                                    + "schema: [{ name: lines, properties: [{ name: order_id, logicalType: string }] }]";

    private async Task ImportAsync(string yaml = Contract)
    {
        var result = await Services.GetRequiredService<ContractAuthoring>().ImportAsync(await CallerAsync(Owner), yaml, new ImportTarget(Domain: "sales"));
        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task Member_BindsTheOutputPort_ToAVersionOfTheDomainsContract()
    {
        await ImportAsync();
        SignInAs(Engineer);
        RenderProviders();
        var cut = Render<QuantumContractsPanel>(p => p.Add(x => x.QuantumId, OrdersId));
        cut.WaitForAssertion(() => Assert.Contains("Not bound", cut.Find("[data-testid=output-order-lines]").TextContent));

        cut.Find("[data-testid=bind-order-lines]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=bind-save]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Order lines 1.0.0", cut.Find("[data-testid=output-order-lines]").TextContent));
        await using var db = await Db.CreateDbContextAsync();
        var port = await db.Ports.SingleAsync(p => p.QuantumId == OrdersId && p.Name == "order-lines");
        Assert.Equal(("order-lines", "1.0.0"), (port.ContractId, port.ContractVersion));
    }

    [Fact]
    public async Task Consumer_SeesNoBindAction()
    {
        await ImportAsync();
        SignInAs(Consumer);
        var cut = Render<QuantumContractsPanel>(p => p.Add(x => x.QuantumId, OrdersId));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=output-order-lines]")));
        Assert.Empty(cut.FindAll("[data-testid=bind-order-lines]"));
    }

    [Fact]
    public async Task InputPort_OnADeprecatedVersion_IsFlagged()
    {
        await ImportAsync();
        Guid consumerId;
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.Actor = "test";
            var sales = await db.Domains.SingleAsync(d => d.Slug == "sales");
            var owner = await db.Users.SingleAsync(u => u.Username == Owner);
            var reader = new Quantum
            {
                DomainId = sales.Id, Slug = "order-stats", Name = "Order stats", Tier = Tier.Gold, Status = QuantumStatus.Draft, OwnerId = owner.Id,
                Ports = [new Port { Direction = PortDirection.Input, Name = "lines", Kind = "quantum", UpstreamQuantumId = OrdersId, UpstreamPort = "order-lines", ContractId = "order-lines", ContractVersion = "1.0.0" }],
            };
            db.Quanta.Add(reader);
            await db.SaveChangesAsync();
            consumerId = reader.Id;
        }
        var deprecated = await Services.GetRequiredService<ContractAuthoring>().ChangeStatusAsync(await CallerAsync(Owner), "order-lines", "1.0.0", "deprecated");
        Assert.True(deprecated.Succeeded, deprecated.Message);
        SignInAs(Consumer);

        var cut = Render<QuantumContractsPanel>(p => p.Add(x => x.QuantumId, consumerId));

        cut.WaitForAssertion(() => Assert.Contains("deprecated", cut.Find("[data-testid=outdated-lines]").TextContent));
        Assert.Contains("lines → order-lines@1.0.0", cut.Find("[data-testid=outdated-bindings]").TextContent);
        Assert.Contains("sales/orders", cut.Find("[data-testid=input-lines]").TextContent);
    }

    [Fact]
    public async Task ContractPage_OffersPublishToTheOwner_AndNothingToAConsumer()
    {
        await ImportAsync(Contract.Replace("status: active", "status: draft"));
        SignInAs(Owner);
        RenderProviders();
        var owner = Render<ContractPage>(p => p.Add(x => x.Id, "order-lines"));
        owner.WaitForAssertion(() => Assert.NotNull(owner.Find("[data-testid='publish-1.0.0']")));
        Assert.NotNull(owner.Find("[data-testid='edit-1.0.0']"));

        SignInAs(Consumer);
        var consumer = Render<ContractPage>(p => p.Add(x => x.Id, "order-lines"));
        consumer.WaitForAssertion(() => Assert.Contains("draft", consumer.Find("[data-testid='version-status-1.0.0']").TextContent));
        Assert.Empty(consumer.FindAll("[data-testid='publish-1.0.0']"));
        Assert.Empty(consumer.FindAll("[data-testid='edit-1.0.0']"));
    }
}

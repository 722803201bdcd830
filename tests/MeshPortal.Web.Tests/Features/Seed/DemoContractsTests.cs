using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Seed;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Seed;

/// <summary>The demo mesh's contracts, as a visitor finds them through the API after the first start.</summary>
[Collection(PortalCollection.Name)]
public class DemoContractsTests(PortalFactory portal)
{
    private readonly HttpClient _consumer = portal.ClientFor("consumer");

    private static readonly string[] SeededIds = DemoContracts.Files.Select(f => f.ContractId).Distinct().ToArray();

    private async Task<ContractDto> ContractAsync(string id) => await (await _consumer.GetAsync($"/api/v1/contracts/{id}")).ReadAsync<ContractDto>();

    private async Task<JsonObject> ExportAsync(string id, string version, string form = "")
    {
        var response = await _consumer.GetAsync($"/api/v1/contracts/{id}/versions/{version}/odcs{form}");
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, yaml);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<JsonObject>(YamlJson.Parse(yaml));
    }

    [Fact]
    public async Task Seed_ImportsEveryDemoContract_AndEachActiveVersionValidatesAgainstOdcs()
    {
        var list = await (await _consumer.GetAsync("/api/v1/contracts")).ReadAsync<List<ContractSummaryDto>>();

        Assert.True(list.Count >= 10, $"only {list.Count} contracts");
        Assert.All(SeededIds, id => Assert.Contains(list, c => c.Id == id));
        var active = 0;
        foreach (var id in SeededIds)
        {
            foreach (var version in (await ContractAsync(id)).Versions.Where(v => v.Status == "active"))
            {
                var document = await ExportAsync(id, version.Version);
                Assert.Empty(OdcsSchema.Validate(document));
                Assert.Equal(version.Version, ContractNormalizer.Text(document, "version"));
                active++;
            }
        }
        Assert.True(active >= 10, $"only {active} active versions");
    }

    [Fact]
    public async Task Seed_DemoContractsAreRealistic_WithObjectsPropertiesPiiRulesAndSla()
    {
        foreach (var id in SeededIds)
        {
            var latest = (await ContractAsync(id)).Versions.First();
            var contract = ContractNormalizer.Normalize(await ExportAsync(id, latest.Version));
            Assert.All(contract.Objects, o => Assert.InRange(o.Properties.Count, 5, 30));
            Assert.All(contract.AllProperties, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{id}: {p.Path} has no description"));
            Assert.NotEmpty(contract.Sla);
            Assert.Contains(contract.Objects, o => o.Quality.Count > 0 || o.Properties.Any(p => p.Quality.Count > 0));
        }
        var customers = ContractNormalizer.Normalize(await ExportAsync("sales-customers", "1.0.0"));
        Assert.Contains(customers.AllProperties, p => p is { Name: "email", Pii: true, Classification: "confidential" });
    }

    [Fact]
    public async Task Seed_ChildContract_IsEffectivelyFlattenedWithItsParent()
    {
        var parent = ContractNormalizer.Normalize(await ExportAsync("customer-core", "1.0.0"));
        var child = ContractNormalizer.Normalize(await ExportAsync("customer-360", "1.0.0"));
        var authored = ContractNormalizer.Normalize(await ExportAsync("customer-360", "1.0.0", "?form=authored"));

        var inherited = parent.Objects.Single(o => o.Name == "customer").Properties;
        var effective = child.Objects.Single(o => o.Name == "customer").Properties;
        Assert.All(inherited, p => Assert.Contains(effective, e => e.Name == p.Name && e.LogicalType == p.LogicalType && e.Description == p.Description));
        Assert.Contains(effective, e => e.Name == "lifetime_value_eur");
        // The authored form only names the inherited properties; the effective one carries their types.
        Assert.Null(authored.Objects.Single(o => o.Name == "customer").Properties.Single(p => p.Name == "email").LogicalType);
        Assert.Equal("customer-core@1.0.0", authored.Parent?.ToString());

        var family = await ContractAsync("customer-core");
        Assert.Contains(family.Children, c => c.ContractId == "customer-360" && c.ExtendsVersion == "1.0.0");
        Assert.Contains(family.Children, c => c.ContractId == "sales-customers");
    }

    [Fact]
    public async Task Seed_VersionHistories_ShowASupersededMinorAndTwoActiveMajors()
    {
        var orders = await ContractAsync("sales-orders");
        Assert.Equal(("1.1.0", "active"), (orders.Versions[0].Version, orders.Versions[0].Status));
        Assert.Equal(("1.0.0", "deprecated"), (orders.Versions[1].Version, orders.Versions[1].Status));
        var diff = await (await _consumer.GetAsync("/api/v1/contracts/sales-orders/diff?from=1.0.0&to=1.1.0")).ReadAsync<DiffDto>();
        Assert.Equal("minor", diff.RequiredBump);
        Assert.Contains(diff.Changes, c => c.Kind == "property-added" && c.Path == "order_line.discount_amount");

        var invoices = await ContractAsync("finance-invoices");
        Assert.All(invoices.Versions, v => Assert.Equal("active", v.Status));
        Assert.Equal(["2.0.0", "1.0.0"], invoices.Versions.Select(v => v.Version));
        var breaking = await (await _consumer.GetAsync("/api/v1/contracts/finance-invoices/diff?from=1.0.0&to=2.0.0")).ReadAsync<DiffDto>();
        Assert.Equal("major", breaking.RequiredBump);
    }

    [Fact]
    public async Task Seed_AConsumerIsPinnedToADeprecatedVersion()
    {
        var orders = await ContractAsync("sales-orders");

        var pinned = Assert.Single(orders.Ports, p => p is { Direction: "input", Domain: "logistics", Quantum: "delivery-performance" });
        Assert.Equal(("orders", "1.0.0"), (pinned.Port, pinned.ContractVersion));
        Assert.Equal("deprecated", orders.Versions.Single(v => v.Version == pinned.ContractVersion).Status);
        Assert.Contains(orders.Ports, p => p is { Direction: "input", Quantum: "customer-360", ContractVersion: "1.1.0" });
        Assert.Contains(orders.Ports, p => p is { Direction: "output", Quantum: "orders", Port: "order-lines", ContractVersion: "1.1.0" });
    }

    [Fact]
    public async Task Seed_BindsEveryQuantumsMainOutputPort_AndEveryConsumerToItsUpstreamVersion()
    {
        var ports = new List<(string Contract, BoundPortDto Port)>();
        foreach (var id in SeededIds)
            ports.AddRange((await ContractAsync(id)).Ports.Select(p => (id, p)));

        foreach (var quantum in DemoMesh.Quanta.Where(q => q.Status is QuantumStatus.Active or QuantumStatus.Draft))
        {
            var main = quantum.Ports.First(p => p.Direction == PortDirection.Output);
            Assert.True(ports.Any(p => p.Port is { Direction: "output" } && p.Port.Domain == quantum.Domain && p.Port.Quantum == quantum.Slug && p.Port.Port == main.Name),
                $"{quantum.Domain}/{quantum.Slug}:{main.Name} serves no contract");
        }
        foreach (var quantum in DemoMesh.Quanta)
        foreach (var input in quantum.Ports.Where(p => p is { Direction: PortDirection.Input, Kind: "quantum" }))
        {
            var target = input.Target!.Split(':');
            var served = ports.Single(p => p.Port.Direction == "output" && $"{p.Port.Domain}/{p.Port.Quantum}" == target[0] && p.Port.Port == target[1]);
            var consumed = ports.Single(p => p.Port.Direction == "input" && p.Port.Domain == quantum.Domain && p.Port.Quantum == quantum.Slug && p.Port.Port == input.Name);
            Assert.Equal(served.Contract, consumed.Contract);
        }
    }

    [Fact]
    public async Task ImportingABrokenSeed_Throws_WithTheFileAndTheReasons()
    {
        await using var db = portal.CreateDbContext();
        var admin = await db.Users.SingleAsync(u => u.Username == "admin");
        var caller = new Caller(admin.Id, admin.Username, admin.DisplayName, admin.GlobalRoles.ToHashSet(), new Dictionary<Guid, DomainRole>());
        var authoring = portal.Services.GetRequiredService<ContractAuthoring>();
        const string broken = """
            apiVersion: v3.1.0
            kind: DataContract
            id: broken-seed
            version: 1.0.0
            schema:
              - name: things
                properties:
                  - name: id
                    logicalType: uuid
            """;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DemoContractsSeeder.ImportAsync(authoring, caller, new DemoContracts.ContractSeed("broken-seed-1.0.0.yaml", "sales"), broken));

        Assert.Contains("broken-seed-1.0.0.yaml", error.Message);
        Assert.Contains("/schema/0/properties/0/logicalType", error.Message);
        Assert.Contains("status", error.Message);
        Assert.Null(await ContractOrNullAsync("broken-seed"));
    }

    private async Task<ContractDto?> ContractOrNullAsync(string id)
    {
        var response = await _consumer.GetAsync($"/api/v1/contracts/{id}");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.ReadAsync<ContractDto>();
    }
}

using System.Net;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Which domain a posted contract belongs to, and who may post and publish it there.</summary>
[Collection(PortalCollection.Name)]
public class ContractsApiDomainTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");
    private readonly HttpClient _admin = portal.ClientFor("admin");

    private static object Output(string name) => new { direction = "output", name, kind = "table" };

    [Fact]
    public async Task Post_WithQuantumAndPort_BindsTheOutputPort_AndTakesTheQuantumsDomain()
    {
        var quantum = await portal.ClientFor("logistics-owner").RegisterAsync("logistics", ports: [Output("rows"), Output("feed")]);
        var id = PortalApi.Unique("bound");

        // The admin owns no quanta: only the quantum can have decided the domain.
        var created = await _admin.ImportAsync(Contract(id), $"quantum={quantum.Id}&port=rows");

        Assert.Equal("draft", created.Status);
        Assert.Equal("logistics", (await _admin.GetContractAsync(id)).Domain);
        var served = Assert.Single((await _admin.GetVersionAsync(id, "1.0.0")).ServedBy);
        Assert.Equal((quantum.Id, "rows", "output", "1.0.0"), (served.QuantumId, served.Port, served.Direction, served.ContractVersion));
    }

    [Fact]
    public async Task Post_WithQuantumAndUnknownPort_Returns400NamingPort_AndSavesNothing()
    {
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        var id = PortalApi.Unique("unbound");

        var problem = await (await _owner.PostContractAsync(Contract(id), $"quantum={quantum.Id}&port=nope")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("port", problem.ErrorFields());
        Assert.Contains("rows", problem.GetProperty("detail").GetString());
        await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_WithUnknownQuantum_Returns404()
    {
        var response = await _owner.PostContractAsync(Contract(PortalApi.Unique("ghost")), $"quantum={Guid.NewGuid()}&port=rows");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_WithDomain_PutsTheContractInThatDomain()
    {
        var id = PortalApi.Unique("finance");

        await _admin.ImportAsync(Contract(id), "domain=finance");

        Assert.Equal("finance", (await _admin.GetContractAsync(id)).Domain);
    }

    [Fact]
    public async Task Post_WithUnknownDomain_Returns400NamingDomain()
    {
        var problem = await (await _admin.PostContractAsync(Contract(PortalApi.Unique("nowhere")), "domain=no-such-domain")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["domain"], problem.ErrorFields());
    }

    [Fact]
    public async Task Post_WithoutQuantumOrDomain_UsesTheOnlyDomainTheCallerOwnsQuantaIn()
    {
        var id = PortalApi.Unique("implied");

        await _owner.ImportAsync(Contract(id), query: null);

        Assert.Equal("sales", (await _owner.GetContractAsync(id)).Domain);
    }

    [Fact]
    public async Task Post_WithoutQuantumOrDomain_WhenTheCallerOwnsNoQuanta_Returns400NamingDomain()
    {
        var id = PortalApi.Unique("orphan");

        var problem = await (await portal.ClientFor("architect").PostContractAsync(Contract(id), query: null)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["domain"], problem.ErrorFields());
        Assert.Contains("?domain=", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_WithoutQuantumOrDomain_WhenTheCallerOwnsQuantaInSeveralDomains_Returns400NamingDomain()
    {
        // finance-owner owns the seeded finance quanta; give them quanta in two more (fresh) domains.
        foreach (var domain in new[] { await _admin.CreateDomainAsync(), await _admin.CreateDomainAsync() })
        {
            await _admin.SetMemberAsync(domain.Slug, "finance-owner", "domain-engineer");
            await _admin.RegisterAsync(domain.Slug, owner: "finance-owner");
        }
        var financeOwner = portal.ClientWithToken(await portal.IssueTokenAsync("finance-owner"));
        var id = PortalApi.Unique("ambiguous");

        var problem = await (await financeOwner.PostContractAsync(Contract(id), query: null)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["domain"], problem.ErrorFields());
        await (await financeOwner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_AsConsumer_Returns403()
    {
        var id = PortalApi.Unique("consumer");

        await (await portal.ClientFor("consumer").PostContractAsync(Contract(id))).ProblemAsync(HttpStatusCode.Forbidden);

        await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_IntoAnotherDomain_Returns403()
    {
        var id = PortalApi.Unique("foreign");

        await (await portal.ClientFor("logistics-owner").PostContractAsync(Contract(id), "domain=sales")).ProblemAsync(HttpStatusCode.Forbidden);

        await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_NewVersionOfAnotherDomainsContract_Returns403EvenNamingOwnDomain()
    {
        var id = PortalApi.Unique("owned");
        await _owner.ImportAsync(Contract(id));

        // The contract's domain was decided by its first version; ?domain cannot move it.
        await (await portal.ClientFor("logistics-owner").PostContractAsync(Contract(id, "1.1.0"), "domain=logistics")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(["1.0.0:draft"], await _owner.VersionsAsync(id));
    }

    [Fact]
    public async Task Engineer_MayImportADraft_ButNotPublishIt_WhichTheOwnerMay()
    {
        var engineer = portal.ClientFor("engineer");
        var id = PortalApi.Unique("by-engineer");

        var created = await engineer.ImportAsync(Contract(id));
        var refused = await engineer.PublishAsync(id, "1.0.0");

        Assert.Equal("draft", created.Status);
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["1.0.0:draft"], await _owner.VersionsAsync(id));
        var published = await (await _owner.PublishAsync(id, "1.0.0")).ReadAsync<ImportResultDto>();
        Assert.Equal("active", published.Status);
        Assert.Equal(["1.0.0:active"], await _owner.VersionsAsync(id));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("deprecated")]
    [InlineData("retired")]
    public async Task Engineer_ImportingAnAlreadyPublishedStatus_Returns403_AndSavesNothing(string status)
    {
        var id = PortalApi.Unique("by-engineer");

        await (await portal.ClientFor("engineer").PostContractAsync(Contract(id, status: status))).ProblemAsync(HttpStatusCode.Forbidden);

        await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Engineer_ImportingAnActiveVersionBoundToAPort_LeavesThePortUnbound()
    {
        var quantum = await _owner.RegisterAsync("sales", ports: [Output("rows")]);
        var id = PortalApi.Unique("half");

        await (await portal.ClientFor("engineer").PostContractAsync(Contract(id, status: "active"), $"quantum={quantum.Id}&port=rows")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.DoesNotContain(id, await _owner.ContractIdsAsync());
        await using var db = portal.CreateDbContext();
        Assert.Null(db.Ports.AsNoTracking().Single(p => p.QuantumId == quantum.Id && p.Name == "rows").ContractId);
    }
}

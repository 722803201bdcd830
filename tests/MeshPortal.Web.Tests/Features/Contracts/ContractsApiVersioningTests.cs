using System.Net;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Tests.Infrastructure;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Semver through the API: the diff says what a change needs, and publishing holds authors to it.</summary>
[Collection(PortalCollection.Name)]
public class ContractsApiVersioningTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Fact]
    public async Task RemovingAProperty_NeedsAMajor_AndANewMajorKeepsThePreviousOneActive()
    {
        var id = PortalApi.Unique("orders");
        await _owner.ImportAsync(Contract(id, "1.0.0"));
        var published = await (await _owner.PublishAsync(id, "1.0.0")).ReadAsync<ImportResultDto>();
        Assert.Equal("active", published.Status);

        // 1.1.0 drops "amount": the diff calls it breaking and asks for a major.
        await _owner.ImportAsync(Contract(id, "1.1.0", properties: [OrderId, CustomerId]));
        var diff = await (await _owner.GetAsync($"/api/v1/contracts/{id}/diff?from=1.0.0&to=1.1.0")).ReadAsync<DiffDto>();
        var change = Assert.Single(diff.Changes);
        Assert.Equal(("orders.amount", "property-removed", "amount", (string?)null, "breaking"), (change.Path, change.Kind, change.Before, change.After, change.Impact));
        Assert.Equal("major", diff.RequiredBump);

        // Publishing it as a minor is refused, naming the change that needs more.
        var refused = await (await _owner.PublishAsync(id, "1.1.0")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["orders.amount"], refused.ErrorFields());
        Assert.Contains("2.0.0", refused.GetProperty("detail").GetString());
        Assert.Equal("property-removed", refused.GetProperty("details").GetProperty("changes")[0].GetProperty("kind").GetString());
        Assert.Equal(["1.1.0:draft", "1.0.0:active"], await _owner.VersionsAsync(id));

        // A draft may change its number.
        var renumbered = await (await _owner.PutDraftAsync(id, "1.1.0", Contract(id, "2.0.0", properties: [OrderId, CustomerId]))).ReadAsync<ImportResultDto>();
        Assert.Equal(("2.0.0", "draft", $"/api/v1/contracts/{id}/versions/2.0.0"), (renumbered.Version, renumbered.Status, renumbered.Location));
        await (await _owner.GetAsync($"/api/v1/contracts/{id}/versions/1.1.0")).ProblemAsync(HttpStatusCode.NotFound);

        var major = await (await _owner.PublishAsync(id, "2.0.0")).ReadAsync<ImportResultDto>();
        Assert.Equal("active", major.Status);
        Assert.Equal(["2.0.0:active", "1.0.0:active"], await _owner.VersionsAsync(id));

        // An additive minor supersedes the previous version of its major only.
        await _owner.ImportAsync(Contract(id, "2.1.0", properties: [OrderId, CustomerId, Discount]));
        var additive = await (await _owner.GetAsync($"/api/v1/contracts/{id}/diff?from=2.0.0&to=2.1.0")).ReadAsync<DiffDto>();
        Assert.Equal(("orders.discount", "property-added", "additive"), (additive.Changes.Single().Path, additive.Changes.Single().Kind, additive.Changes.Single().Impact));
        Assert.Equal("minor", additive.RequiredBump);
        await (await _owner.PublishAsync(id, "2.1.0")).ReadAsync<ImportResultDto>();
        Assert.Equal(["2.1.0:active", "2.0.0:deprecated", "1.0.0:active"], await _owner.VersionsAsync(id));

        // Consumers move off 1.x; its owner deprecates it.
        var deprecated = await (await _owner.SetStatusAsync(id, "1.0.0", "deprecated")).ReadAsync<ImportResultDto>();
        Assert.Equal("deprecated", deprecated.Status);
        Assert.Equal(["2.1.0:active", "2.0.0:deprecated", "1.0.0:deprecated"], await _owner.VersionsAsync(id));
        Assert.Contains("status: deprecated", await _owner.GetStringAsync($"/api/v1/contracts/{id}/versions/1.0.0/odcs"));
    }

    [Fact]
    public async Task Put_OnAnActiveVersion_Returns409AndChangesNothing()
    {
        var id = PortalApi.Unique("frozen");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));

        var problem = await (await _owner.PutDraftAsync(id, "1.0.0", Contract(id, "1.0.0", properties: [OrderId]))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("active", problem.GetProperty("detail").GetString());
        var stored = await _owner.GetVersionAsync(id, "1.0.0");
        Assert.Equal(3, stored.Document["schema"]![0]!["properties"]!.AsArray().Count);
        Assert.Equal(1, stored.Revision);
    }

    [Fact]
    public async Task Put_Draft_WithAStaleRevision_Returns409_AndWithTheCurrentOne_Saves()
    {
        var id = PortalApi.Unique("edited");
        await _owner.ImportAsync(Contract(id, "1.0.0"));
        var etag = (await _owner.GetAsync($"/api/v1/contracts/{id}/versions/1.0.0")).Headers.ETag!.Tag;

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/contracts/{id}/versions/1.0.0/odcs") { Content = Yaml(Contract(id, "1.0.0", properties: [OrderId, CustomerId, Amount, Discount])) };
        first.Headers.IfMatch.ParseAdd(etag);
        await (await _owner.SendAsync(first)).ReadAsync<ImportResultDto>();
        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/contracts/{id}/versions/1.0.0/odcs") { Content = Yaml(Contract(id, "1.0.0", properties: [OrderId])) };
        second.Headers.IfMatch.ParseAdd(etag);
        await (await _owner.SendAsync(second)).ProblemAsync(HttpStatusCode.Conflict);

        var stored = await _owner.GetVersionAsync(id, "1.0.0");
        Assert.Equal(2, stored.Revision);
        Assert.Equal(4, stored.Document["schema"]![0]!["properties"]!.AsArray().Count);
    }

    [Fact]
    public async Task Put_Draft_WithAnotherId_Returns400()
    {
        var id = PortalApi.Unique("edited");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        var problem = await (await _owner.PutDraftAsync(id, "1.0.0", Contract(PortalApi.Unique("other")))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["/id"], problem.ErrorFields());
    }

    [Fact]
    public async Task Diff_BetweenUnknownVersions_Returns404_AndWithoutVersions_Returns400()
    {
        var id = PortalApi.Unique("diffed");
        await _owner.ImportAsync(Contract(id, "1.0.0"));

        await (await _owner.GetAsync($"/api/v1/contracts/{id}/diff?from=1.0.0&to=3.0.0")).ProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await _owner.GetAsync($"/api/v1/contracts/{id}/diff?from=1.0.0")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["to"], problem.ErrorFields());
    }

    [Fact]
    public async Task Publish_APatchWithOnlyCosmeticChanges_IsAccepted_AndSupersedesItsPredecessor()
    {
        var id = PortalApi.Unique("patched");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));
        await _owner.ImportAsync(Contract(id, "1.0.1").Replace("One row per order.", "One row per confirmed order."));

        var diff = await (await _owner.GetAsync($"/api/v1/contracts/{id}/diff?from=1.0.0&to=1.0.1")).ReadAsync<DiffDto>();
        await (await _owner.PublishAsync(id, "1.0.1")).ReadAsync<ImportResultDto>();

        Assert.Equal(("cosmetic", "patch"), (diff.Changes.Single().Impact, diff.RequiredBump));
        Assert.Equal(["1.0.1:active", "1.0.0:deprecated"], await _owner.VersionsAsync(id));
    }

    [Fact]
    public async Task Publish_AnAlreadyActiveVersion_Returns409()
    {
        var id = PortalApi.Unique("twice");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));

        await (await _owner.PublishAsync(id, "1.0.0")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Status_DeprecateByEngineer_Returns403()
    {
        var id = PortalApi.Unique("kept");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));

        await (await portal.ClientFor("engineer").SetStatusAsync(id, "1.0.0", "deprecated")).ProblemAsync(HttpStatusCode.Forbidden);
        var problem = await (await _owner.SetStatusAsync(id, "1.0.0", "bogus")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["status"], problem.ErrorFields());
        Assert.Equal(["1.0.0:active"], await _owner.VersionsAsync(id));
    }

    [Fact]
    public async Task Status_RetiringAnActiveVersionDirectly_Returns400()
    {
        var id = PortalApi.Unique("retire");
        await _owner.ImportAsync(Contract(id, "1.0.0", "active"));

        var problem = await (await _owner.SetStatusAsync(id, "1.0.0", "retired")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("deprecated", problem.GetProperty("detail").GetString());
        Assert.Equal(["1.0.0:active"], await _owner.VersionsAsync(id));
    }
}

using System.Net;
using System.Net.Http.Json;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Api;

/// <summary>
/// Sources and runs of a sales quantum are changed by sales' members (sales-owner, engineer) and platform admins; a
/// consumer, the other global roles and logistics' owner (another domain's member) are refused. No job server runs
/// here, so started runs stay queued and nothing but the authorization is measured.
/// </summary>
[Collection(PortalCollection.Name)]
public class OnboardingWriteAuthorizationTests(PortalFactory portal)
{
    public static TheoryData<string, int> AddSource => AuthorizationMatrix.Rows(201, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> StartRun => AuthorizationMatrix.Rows(202, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> DeleteSource => AuthorizationMatrix.Rows(204, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> CancelRun => AuthorizationMatrix.Rows(200, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> SaveSettings => AuthorizationMatrix.Rows(200, "admin", "sales-owner", "engineer");

    [Theory]
    [MemberData(nameof(AddSource))]
    public async Task PostSource_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await portal.ClientFor(caller).UploadCsvAsync(quantum.Id, "upload by " + caller);

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var sources = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/sources")).ReadAsync<List<SourceDto>>();
        Assert.Equal(expected == 201 ? ["upload by " + caller] : [], sources.Select(s => s.Name));
        Assert.Equal(expected == 201 ? 1 : 0, FilesIn(quantum.Id));
    }

    [Theory]
    [MemberData(nameof(StartRun))]
    public async Task PostRun_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await portal.ClientFor("sales-owner").AddCsvSourceAsync(quantum.Id);

        var response = await portal.ClientFor(caller).StartRunAsync(quantum.Id, sourceId);

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var runs = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/onboarding-runs")).ReadAsync<List<JsonElement>>();
        Assert.Equal(expected == 202 ? 1 : 0, runs.Count);
        if (expected == 202) Assert.Equal((caller, "queued"), (runs[0].GetProperty("triggeredBy").GetString(), runs[0].GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(DeleteSource))]
    public async Task DeleteSource_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await portal.ClientFor("sales-owner").AddCsvSourceAsync(quantum.Id);

        var response = await portal.ClientFor(caller).DeleteAsync($"/api/v1/quanta/{quantum.Id}/sources/{sourceId}");

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var reread = await portal.ClientFor("admin").GetAsync($"/api/v1/quanta/{quantum.Id}/sources/{sourceId}");
        Assert.Equal(expected == 204 ? HttpStatusCode.NotFound : HttpStatusCode.OK, reread.StatusCode);
        Assert.Equal(expected == 204 ? 0 : 1, FilesIn(quantum.Id));
    }

    [Theory]
    [MemberData(nameof(CancelRun))]
    public async Task CancelQueuedRun_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var owner = portal.ClientFor("sales-owner");
        var runId = await owner.StartRunIdAsync(quantum.Id, await owner.AddCsvSourceAsync(quantum.Id));

        var response = await portal.ClientFor(caller).PostAsync($"/api/v1/onboarding-runs/{runId}/cancel", null);

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        Assert.Equal(expected == 200 ? "cancelled" : "queued", (await owner.GetRunAsync(runId)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(SaveSettings))]
    public async Task PutSettings_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await portal.ClientFor(caller).PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/onboarding-settings",
            new { goldSql = "SELECT order_id, amount FROM silver" });

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var settings = await (await portal.ClientFor("admin").GetAsync($"/api/v1/quanta/{quantum.Id}/onboarding-settings")).ReadAsync<OnboardingSettingsModel>();
        Assert.Equal(expected == 200 ? "SELECT order_id, amount FROM silver" : null, settings.GoldSql);
    }

    [Theory]
    [InlineData("consumer")]
    [InlineData("logistics-owner")]
    [InlineData("architect")]
    public async Task TestConnection_ByANonMember_Returns403(string caller)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await portal.ClientFor(caller).PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources/test",
            new { kind = "postgresql", connection = "Host=10.0.0.1;Database=x", query = "orders" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    private int FilesIn(Guid quantumId)
    {
        var folder = portal.Services.GetRequiredService<MeshPortal.DataPlane.Storage.QuantumStorage>().FilesDirectory(quantumId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }
}

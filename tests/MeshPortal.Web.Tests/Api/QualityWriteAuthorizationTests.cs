using System.Net.Http.Json;
using System.Text.Json;
using MeshPortal.Web.Tests.Features.Quality;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Api;

/// <summary>
/// Quality runs and settings of a sales quantum are started and changed by sales' members (sales-owner, engineer) and
/// platform admins; a consumer, the other global roles and logistics' owner (another domain's member) are refused, and
/// callers without a usable token get 401. Reading is open to every signed-in caller.
/// </summary>
[Collection(PortalCollection.Name)]
public class QualityWriteAuthorizationTests(PortalFactory portal)
{
    public static TheoryData<string, int> StartRun => AuthorizationMatrix.Rows(202, "admin", "sales-owner", "engineer");
    public static TheoryData<string, int> SaveSettings => AuthorizationMatrix.Rows(200, "admin", "sales-owner", "engineer");

    [Theory]
    [MemberData(nameof(StartRun))]
    public async Task PostQualityRun_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var quantum = await portal.QualityQuantumAsync();
        await portal.OnboardAndCheckAsync(quantum.Id, QualityApiClient.PassingCsv());

        var response = await portal.ClientFor(caller).PostAsync($"/api/v1/quanta/{quantum.Id}/quality-runs", null);

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var runs = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/quality-runs")).ReadAsync<List<JsonElement>>();
        Assert.Equal(expected == 202 ? [caller, "onboarding"] : ["onboarding"], runs.Select(r => r.GetProperty("triggeredBy").GetString()));
    }

    [Theory]
    [MemberData(nameof(SaveSettings))]
    public async Task PutQualitySettings_ByCaller_IsAllowedForDomainMembersAndAdmins(string caller, int expected)
    {
        var quantum = await portal.QualityQuantumAsync();

        var response = await portal.ClientFor(caller).PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/quality-settings", new { blockPublishOnFailure = true, cron = "0 4 * * *" });

        await DomainWriteAuthorizationTests.AssertStatus(response, expected);
        var settings = await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/quality-settings")).ReadAsync<JsonElement>();
        Assert.Equal(expected == 200 ? (true, "0 4 * * *") : (false, null),
            (settings.GetProperty("blockPublishOnFailure").GetBoolean(), settings.GetProperty("cron").GetString()));
    }
}

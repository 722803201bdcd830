using System.Net;
using System.Text.Json;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quality;

/// <summary>
/// The domain and mesh dashboards on a domain of their own: a gold quantum failing its contract, a silver one passing, a
/// bronze one never loaded — the average score by domain and tier over the quanta that have one, failing first, the trend.
/// </summary>
[Collection(PortalCollection.Name)]
public class QualityDashboardTests(PortalFactory portal)
{
    [Fact]
    public async Task Dashboard_OfADomain_AveragesByTier_ListsFailingFirst_AndTheMeshViewHasTheDomain()
    {
        var admin = portal.ClientFor("admin");
        var domain = await admin.CreateDomainAsync();
        await admin.SetMemberAsync(domain.Slug, "sales-owner", "data-product-owner");
        var failing = await portal.QualityQuantumAsync(domain: domain.Slug, tier: "gold");
        var passing = await portal.QualityQuantumAsync(domain: domain.Slug, tier: "silver");
        var empty = await portal.QualityQuantumAsync(domain: domain.Slug, tier: "bronze");
        await portal.OnboardAndCheckAsync(failing.Id, QualityApiClient.OrdersCsv());
        await portal.OnboardAndCheckAsync(passing.Id, QualityApiClient.PassingCsv());
        const double passingScore = 5 * 100.0 / 6;
        var cdo = portal.ClientFor("cdo");

        var view = await (await cdo.GetAsync($"/api/v1/quality/dashboard?domain={domain.Slug}")).ReadAsync<JsonElement>();
        var mesh = await (await cdo.GetAsync("/api/v1/quality/dashboard")).ReadAsync<JsonElement>();
        var unknown = await cdo.GetAsync("/api/v1/quality/dashboard?domain=no-such-domain");

        Assert.Equal(domain.Slug, view.GetProperty("domain").GetString());
        Assert.Equal((50 + passingScore) / 2, view.GetProperty("score").GetDouble(), 6);
        Assert.Equal([failing.Id, passing.Id, empty.Id], view.GetProperty("quanta").EnumerateArray().Select(q => q.GetProperty("quantumId").GetGuid()));
        var first = view.GetProperty("quanta")[0];
        Assert.Equal((true, 50.0, 3, "gold"), (first.GetProperty("failsContract").GetBoolean(), first.GetProperty("score").GetDouble(),
            first.GetProperty("failedRules").GetInt32(), first.GetProperty("tier").GetString()));
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("lastRunAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("lastLoadAt").ValueKind);
        var never = view.GetProperty("quanta")[2];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, false), (never.GetProperty("score").ValueKind, never.GetProperty("lastLoadAt").ValueKind, never.GetProperty("failsContract").GetBoolean()));

        var tiers = view.GetProperty("byTier").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!);
        Assert.Equal(["gold", "silver", "bronze"], tiers.Keys);
        Assert.Equal((50.0, 1, 1), (tiers["gold"].GetProperty("score").GetDouble(), tiers["gold"].GetProperty("quanta").GetInt32(), tiers["gold"].GetProperty("failing").GetInt32()));
        Assert.Equal(passingScore, tiers["silver"].GetProperty("score").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, tiers["bronze"].GetProperty("score").ValueKind);
        var group = Assert.Single(view.GetProperty("byDomain").EnumerateArray());
        Assert.Equal((domain.Slug, 3, 1), (group.GetProperty("key").GetString(), group.GetProperty("quanta").GetInt32(), group.GetProperty("failing").GetInt32()));

        var today = Assert.Single(view.GetProperty("trend").EnumerateArray());
        Assert.Equal((50 + passingScore) / 2, today.GetProperty("score").GetDouble(), 6);
        Assert.Equal(DateTimeOffset.UtcNow.Date, today.GetProperty("at").GetDateTimeOffset().UtcDateTime.Date);
        Assert.Equal(3 + 1, today.GetProperty("failed").GetInt32());
        Assert.Equal(100.0, today.GetProperty("byDimension").GetProperty("conformity").GetDouble());

        Assert.Null(mesh.GetProperty("domain").GetString());
        Assert.Contains(mesh.GetProperty("byDomain").EnumerateArray(), g => g.GetProperty("key").GetString() == domain.Slug);
        Assert.Contains(mesh.GetProperty("quanta").EnumerateArray(), q => q.GetProperty("quantumId").GetGuid() == failing.Id);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Every official ODCS example imports through the API and comes back out with the same values.</summary>
[Collection(PortalCollection.Name)]
public partial class ContractsApiExamplesTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [GeneratedRegex("^id:.*$", RegexOptions.Multiline)]
    private static partial Regex TopLevelId();

    /// <summary>The example's text with only its top-level id replaced, so examples sharing an id stay apart.</summary>
    private static (string Text, JsonObject Expected) WithId(string example, string id)
    {
        var original = OdcsStandards.Example(example);
        Assert.Single(TopLevelId().Matches(original));
        var expected = (JsonObject)YamlJson.Parse(original)!;
        expected["id"] = id;
        return (TopLevelId().Replace(original, "id: " + id), expected);
    }

    [Fact]
    public void AllEighteenOfficialExamplesAreFound() => Assert.Equal(18, OdcsStandards.Examples().Count());

    [Theory]
    [MemberData(nameof(OdcsStandards.Examples), MemberType = typeof(OdcsStandards))]
    public async Task Post_OfficialExample_ImportsAndExportsTheSameValues(string example)
    {
        var id = PortalApi.Unique("odcs");
        var (text, expected) = WithId(example, id);

        var response = await _owner.PostContractAsync(text);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{example}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.ReadAsync<ImportResultDto>();
        var version = expected["version"]!.GetValue<string>();
        Assert.Equal((id, version), (created.Id, created.Version));
        Assert.Equal(expected["status"]!.GetValue<string>() == "active" ? "active" : "draft", created.Status);
        Assert.Equal($"/api/v1/contracts/{id}/versions/{version}", created.Location);
        Assert.Equal(created.Location, response.Headers.Location?.OriginalString);

        var yaml = await _owner.GetAsync(created.Location + "/odcs");
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
        var exported = YamlJson.Parse(await yaml.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(expected, exported), $"{example} changed on the round trip:\n{exported?.ToJsonString()}");
        Assert.Empty(OdcsSchema.Validate(exported));

        var request = new HttpRequestMessage(HttpMethod.Get, created.Location + "/odcs");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var json = await _owner.SendAsync(request);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await json.Content.ReadAsStringAsync())), $"{example} changed in the JSON export.");
    }

    [Fact]
    public async Task Post_OfficialExampleAsJson_ImportsTheSameValues()
    {
        var id = PortalApi.Unique("odcs-json");
        var (_, expected) = WithId("all/full-example.odcs.yaml", id);

        var created = await (await _owner.PostContractAsync(expected.ToJsonString(), mediaType: "application/json")).ReadAsync<ImportResultDto>();

        var version = await _owner.GetVersionAsync(id, created.Version);
        Assert.True(JsonNode.DeepEquals(expected, version.Document));
        Assert.Equal("sales", version.Domain);
    }
}

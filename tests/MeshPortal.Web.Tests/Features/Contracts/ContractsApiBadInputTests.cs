using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeshPortal.Web.Tests.Infrastructure;
using static MeshPortal.Web.Tests.Features.Contracts.ContractsApiClient;

namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>Uploaded documents are not trusted: each bad one is refused with what and where, and nothing is saved.</summary>
[Collection(PortalCollection.Name)]
public class ContractsApiBadInputTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    /// <summary>Posts the document and returns the refusal, after checking no contract was added.</summary>
    private async Task<System.Text.Json.JsonElement> RefusedAsync(HttpContent content, HttpStatusCode status, string? id = null, bool expectContinue = false)
    {
        var before = await _owner.ContractIdsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contracts?domain=sales") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        var response = await _owner.SendAsync(request);
        var problem = await response.ProblemAsync(status);
        Assert.Equal(before.Order(), (await _owner.ContractIdsAsync()).Order());
        if (id is not null) await (await _owner.GetAsync($"/api/v1/contracts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        return problem;
    }

    private static string Detail(System.Text.Json.JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";

    /// <summary>Two independent schema errors: an unknown field on the object, and a logical type the standard does not have.</summary>
    private static string SchemaInvalid(string id) => Contract(id)
        .Replace("logicalType: string\n        physicalType: varchar(36)\n        primaryKey", "logicalType: text\n        physicalType: varchar(36)\n        primaryKey")
        .Replace("    physicalType: table\n", "    physicalType: table\n    colour: blue\n");

    [Fact]
    public async Task Post_InvalidYaml_Returns400NamingLineAndColumn()
    {
        var id = PortalApi.Unique("bad-yaml");
        var text = Contract(id).Replace("    physicalType: table\n", "    physicalType: [table\n");

        var problem = await RefusedAsync(Yaml(text), HttpStatusCode.BadRequest, id);

        Assert.Contains("document", problem.ErrorFields());
        Assert.Matches(@"line \d+, column \d+", Detail(problem));
    }

    [Fact]
    public async Task Post_DuplicateKey_Returns400NamingTheLine()
    {
        var id = PortalApi.Unique("dup-key");
        var text = Contract(id).Replace("name: Orders", "version: 2.0.0\nname: Orders");

        var problem = await RefusedAsync(Yaml(text), HttpStatusCode.BadRequest, id);

        Assert.Contains("Duplicate key 'version'", Detail(problem));
        Assert.Contains("line 6", Detail(problem));
    }

    [Fact]
    public async Task Post_SchemaInvalid_Returns422ListingEveryErrorByPointer()
    {
        var id = PortalApi.Unique("bad-schema");

        var problem = await RefusedAsync(Yaml(SchemaInvalid(id)), HttpStatusCode.UnprocessableEntity, id);

        Assert.Equal(["/schema/0/colour", "/schema/0/properties/0/logicalType"], problem.ErrorFields().Order());
        Assert.Contains("2 errors", Detail(problem));
    }

    [Fact]
    public async Task Post_SchemaInvalidConcurrently_ListsEveryErrorEachTime()
    {
        var texts = Enumerable.Range(0, 8).Select(_ => SchemaInvalid(PortalApi.Unique("bad-schema"))).ToList();

        var responses = await Task.WhenAll(texts.Select(t => _owner.PostContractAsync(t)));

        foreach (var response in responses)
            Assert.Equal(["/schema/0/colour", "/schema/0/properties/0/logicalType"], (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().Order());
    }

    [Fact]
    public async Task Post_NotASemanticVersionOrMissingFields_Returns422()
    {
        var id = PortalApi.Unique("bad-version");

        var version = await RefusedAsync(Yaml(Contract(id, "one")), HttpStatusCode.UnprocessableEntity, id);
        var missing = await RefusedAsync(Yaml("apiVersion: v3.1.0\nkind: DataContract\nname: nothing else\n"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["/version"], version.ErrorFields());
        Assert.Contains("/", missing.ErrorFields());
    }

    [Fact]
    public async Task Post_AliasBomb_Returns400Quickly_AndTheServerKeepsServing()
    {
        var bomb = new StringBuilder(Contract(PortalApi.Unique("bomb")));
        bomb.Append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 12; i++)
            bomb.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        var watch = Stopwatch.StartNew();

        var problem = await RefusedAsync(Yaml(bomb.ToString()), HttpStatusCode.BadRequest);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Contains("alias", Detail(problem), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await portal.ClientFor("none").GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Post_NestedDeeperThan64Levels_Returns400()
    {
        var text = Contract(PortalApi.Unique("deep")) + "x: " + new string('[', 100) + new string(']', 100) + "\n";

        var problem = await RefusedAsync(Yaml(text), HttpStatusCode.BadRequest);

        Assert.Contains("deeper than 64", Detail(problem));
    }

    [Fact]
    public async Task Post_OverFiveMegabytes_IsRefusedWithTheLimit()
    {
        var id = PortalApi.Unique("huge");
        var padding = "\n# " + new string('x', 5 * 1024 * 1024) + "\n";

        var problem = await RefusedAsync(Yaml(Contract(id) + padding), HttpStatusCode.BadRequest, id);
        // Far over the body limit the answer comes before the body is read; a client that waits for 100-continue
        // (as large uploads should) then never sends it.
        var farOver = await RefusedAsync(Yaml(Contract(id) + padding + padding), HttpStatusCode.RequestEntityTooLarge, id, expectContinue: true);

        Assert.Contains("larger than 5 MB", Detail(problem));
        Assert.Contains("accepts at most", Detail(farOver));
    }

    [Fact]
    public async Task Post_BetweenTheApiLimitAndFiveMegabytes_IsAccepted()
    {
        var id = PortalApi.Unique("large");
        var text = Contract(id).Replace("purpose: Confirmed orders", "purpose: " + new string('x', 2 * 1024 * 1024));

        var created = await _owner.ImportAsync(text);

        Assert.Equal(id, created.Id);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data")]
    public async Task Post_UnsupportedContentType_Returns415(string mediaType)
    {
        var id = PortalApi.Unique("typed");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Contract(id)));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        var problem = await RefusedAsync(content, HttpStatusCode.UnsupportedMediaType, id);

        Assert.Equal("Unsupported Media Type", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("application/x-yaml")]
    [InlineData("text/yaml")]
    [InlineData("text/plain")]
    public async Task Post_OtherYamlContentTypes_AreAccepted(string mediaType)
    {
        var id = PortalApi.Unique("typed");

        var response = await _owner.PostContractAsync(Contract(id), mediaType: mediaType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400()
    {
        var problem = await RefusedAsync(Yaml(""), HttpStatusCode.BadRequest);

        Assert.Contains("document", problem.ErrorFields());
    }

    [Fact]
    public async Task Post_TwoDocumentsInOneFile_Returns400()
    {
        var id = PortalApi.Unique("two");

        var problem = await RefusedAsync(Yaml(Contract(id) + "\n---\n" + Contract(PortalApi.Unique("two"))), HttpStatusCode.BadRequest, id);

        Assert.Contains("more than one YAML document", Detail(problem));
    }
}

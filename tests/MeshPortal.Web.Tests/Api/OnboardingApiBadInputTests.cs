using System.Net;
using System.Net.Http.Json;
using System.Text;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Api;

/// <summary>What the onboarding API refuses, and how it says so: problem details naming the field, and nothing left behind.</summary>
[Collection(PortalCollection.Name)]
public class OnboardingApiBadInputTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Theory]
    [InlineData("orders.txt")]
    [InlineData("orders.xlsx")]
    [InlineData("orders")]
    public async Task Upload_WithAnUnreadableExtension_Returns400NamingTheFile_AndKeepsNothing(string fileName)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await _owner.UploadAsync(quantum.Id, "bad", fileName, Encoding.UTF8.GetBytes(OnboardingApiClient.OrdersCsv()));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], problem.ErrorFields());
        Assert.Contains(fileName, problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Empty(await SourcesAsync(quantum.Id));
        Assert.Equal(0, FilesIn(quantum.Id));
    }

    [Fact]
    public async Task Upload_ToAnUnknownPortOrObject_Returns400NamingTheField()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var csv = Encoding.UTF8.GetBytes(OnboardingApiClient.OrdersCsv());

        var port = await (await _owner.UploadAsync(quantum.Id, "a", "a.csv", csv, outputPort: "nope")).ProblemAsync(HttpStatusCode.BadRequest);
        var obj = await (await _owner.UploadAsync(quantum.Id, "b", "b.csv", csv, objectName: "customers")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["outputPort"], port.ErrorFields());
        Assert.Equal(["object"], obj.ErrorFields());
        Assert.Contains("orders", obj.GetProperty("errors").GetProperty("object")[0].GetString());
        Assert.Equal(0, FilesIn(quantum.Id));
    }

    [Fact]
    public async Task Upload_ToAQuantumWithoutABoundPort_Returns400OnOutputPort()
    {
        var quantum = await _owner.RegisterAsync("sales", ports: [new { direction = "output", name = "rows", kind = "table" }]);

        var problem = await (await _owner.UploadCsvAsync(quantum.Id)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["outputPort"], problem.ErrorFields());
    }

    [Fact]
    public async Task Upload_DefaultsToTheFirstBoundPortAndItsFirstObject()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var id = await _owner.AddCsvSourceAsync(quantum.Id, "defaults");

        var source = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/sources/{id}")).ReadAsync<SourceDto>();
        Assert.Equal(("rows", "orders", "upload", "csv", "orders.csv"), (source.OutputPort, source.Object, source.Kind, source.Format, source.OriginalFileName));
        Assert.Equal(Encoding.UTF8.GetByteCount(OnboardingApiClient.OrdersCsv()), source.SizeBytes);
        Assert.Equal(1, FilesIn(quantum.Id));
    }

    [Fact]
    public async Task Upload_WithTheNameAfterTheFile_Returns400_AndKeepsNothing()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(OnboardingApiClient.OrdersCsv())), "file", "orders.csv");
        form.Add(new StringContent("late"), "name");

        var problem = await (await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/sources", form)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["name"], problem.ErrorFields());
        Assert.Empty(await SourcesAsync(quantum.Id));
        Assert.Equal(0, FilesIn(quantum.Id));
    }

    [Fact]
    public async Task Upload_WithADuplicateName_Returns409()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        await _owner.AddCsvSourceAsync(quantum.Id, "daily");

        var problem = await (await _owner.UploadCsvAsync(quantum.Id, "daily")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(["name"], problem.ErrorFields());
        Assert.Equal(1, FilesIn(quantum.Id));
    }

    [Fact]
    public async Task ServerPathAndSqliteSources_WithoutAnAllowedRoot_AreRefusedWithTheSetting()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var path = await (await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "p", kind = "server-file", path = "/etc/passwd" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var sqlite = await (await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "s", kind = "sqlite", connection = $"Data Source={portal.DataFolder}/meshportal.db", query = "AccessTokens" }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["path"], path.ErrorFields());
        Assert.Contains("AllowedFileRoot", path.GetProperty("errors").GetProperty("path")[0].GetString());
        Assert.Equal(["connection"], sqlite.ErrorFields());
        Assert.Contains("AllowedFileRoot", sqlite.GetProperty("errors").GetProperty("connection")[0].GetString());
        Assert.Empty(await SourcesAsync(quantum.Id));
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"oracle","connection":"a","query":"t"}""", "kind")]
    [InlineData("""{"name":"x","connection":"a","query":"t"}""", "kind")]
    [InlineData("""{"name":"","kind":"composition","query":"SELECT 1"}""", "name")]
    [InlineData("""{"name":"x","kind":"postgresql","connection":"","query":"orders"}""", "connection")]
    [InlineData("""{"name":"x","kind":"postgresql","connection":"Host=db;Database=erp","query":""}""", "query")]
    public async Task JsonSource_WithAMissingOrWrongField_Returns400NamingIt(string body, string field)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/sources", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task CompositionSource_OnAQuantumWithoutInputs_Returns400OnKind()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var problem = await (await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "c", kind = "composition", query = "SELECT * FROM input.\"orders\"" }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["kind"], problem.ErrorFields());
    }

    [Fact]
    public async Task PostgreSqlSource_IsStoredEncrypted_AndNeverReturned()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        const string connection = "Host=erp.internal;Port=5432;Database=sales;Username=reader;Password=s3cret-Pa55";

        var response = await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "erp", kind = "postgresql", connection, query = "public.orders" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var list = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/sources")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("s3cret", list);
        Assert.DoesNotContain("Password", list, StringComparison.OrdinalIgnoreCase);
        var source = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<SourceDto>>(list, PortalApi.Json)!);
        Assert.Equal("postgresql", source.Kind);
        Assert.Contains("erp.internal", source.Location);
        Assert.Contains("sales", source.Location);
        await using var db = portal.CreateDbContext();
        var stored = db.DataSources.Single(s => s.Id == source.Id);
        Assert.DoesNotContain("s3cret", stored.ProtectedConnection);
        Assert.Equal(connection, portal.Services.GetRequiredService<SourceConnections>().Unprotect(stored.ProtectedConnection));
    }

    [Fact]
    public async Task SecondRun_WhileOneIsQueued_Returns409_AndAfterCancellingOneMayStart()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);
        var first = await _owner.StartRunIdAsync(quantum.Id, sourceId);

        var second = await _owner.StartRunAsync(quantum.Id, sourceId);

        Assert.Equal(["run"], (await second.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        var cancelled = await (await _owner.PostAsync($"/api/v1/onboarding-runs/{first}/cancel", null)).ReadAsync<System.Text.Json.JsonElement>();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, cancelled.GetProperty("finishedAt").ValueKind);
        var run = await _owner.GetRunAsync(first);
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        await _owner.StartRunIdAsync(quantum.Id, sourceId);
    }

    [Fact]
    public async Task ConcurrentStarts_OnlyOneWins_TheOthersGet409()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _owner.StartRunAsync(quantum.Id, sourceId)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var runs = await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/onboarding-runs")).ReadAsync<List<System.Text.Json.JsonElement>>();
        Assert.Single(runs);
    }

    [Fact]
    public async Task CompositionSource_ChecksItsQueryAgainstTheInputPorts()
    {
        var (producer, _) = await portal.QuantumWithContractAsync();
        var consumer = await _owner.RegisterAsync("sales", ports:
        [
            new { direction = "input", name = "orders", kind = "quantum", upstreamQuantumId = producer.Id, upstreamPort = "rows" },
            new { direction = "output", name = "rows", kind = "table" },
        ]);
        var contract = PortalApi.Unique("composed");
        Assert.Equal(HttpStatusCode.Created, (await _owner.PostAsync($"/api/v1/contracts?quantum={consumer.Id}&port=rows",
            new StringContent(OnboardingApiClient.OrdersContract(contract), Encoding.UTF8, "application/yaml"))).StatusCode);
        var url = $"/api/v1/quanta/{consumer.Id}/sources";

        var elsewhere = await _owner.PostAsJsonAsync(url, new { name = "c1", kind = "composition", query = "SELECT * FROM main.secrets" });
        var writes = await _owner.PostAsJsonAsync(url, new { name = "c2", kind = "composition", query = "DELETE FROM input.orders" });
        var ok = await _owner.PostAsJsonAsync(url, new { name = "c3", kind = "composition", query = "SELECT order_id, amount FROM input.orders WHERE amount > 10" });

        Assert.Equal(["query"], (await elsewhere.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["query"], (await writes.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var source = Assert.Single(await SourcesAsync(consumer.Id));
        Assert.Equal(("composition", "input.orders"), (source.Kind, source.Location));
    }

    [Fact]
    public async Task CancelledQueuedRun_HasItsHangfireJobDeleted()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var runId = await _owner.StartRunIdAsync(quantum.Id, await _owner.AddCsvSourceAsync(quantum.Id));
        await using var db = portal.CreateDbContext();
        var jobId = db.OnboardingRuns.Single(r => r.Id == runId).JobId;
        Assert.NotNull(jobId);

        await (await _owner.PostAsync($"/api/v1/onboarding-runs/{runId}/cancel", null)).ReadAsync<System.Text.Json.JsonElement>();

        using var connection = portal.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        Assert.Equal("Deleted", connection.GetJobData(jobId)?.State);
        await (await _owner.PostAsync($"/api/v1/onboarding-runs/{runId}/cancel", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeleteSource_WhileItsRunIsQueued_Returns409()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);
        await _owner.StartRunIdAsync(quantum.Id, sourceId);

        var response = await _owner.DeleteAsync($"/api/v1/quanta/{quantum.Id}/sources/{sourceId}");

        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, FilesIn(quantum.Id));
    }

    [Theory]
    [InlineData("""{}""", "sourceId")]
    [InlineData("""{"sourceId":"00000000-0000-0000-0000-000000000001"}""", "sourceId")]
    public async Task StartRun_WithoutAKnownSource_Returns400(string body, string field)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await _owner.PostAsync($"/api/v1/quanta/{quantum.Id}/onboarding-runs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Data_WithABadFormatOrLimit_Returns400(string query, string field)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        var response = await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data?{query}");

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Data_BeforeAnythingIsPublished_Returns404_AndQuarantineIsRefusedToConsumers()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data?format=json")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/nope/data")).ProblemAsync(HttpStatusCode.NotFound);
        await (await portal.ClientFor("consumer").GetAsync($"/api/v1/quanta/{quantum.Id}/quarantine")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(File.Exists(portal.Services.GetRequiredService<QuantumStorage>().DatabasePath(quantum.Id)), "reading must not create the quantum's database");
    }

    private async Task<List<SourceDto>> SourcesAsync(Guid quantumId) =>
        await (await _owner.GetAsync($"/api/v1/quanta/{quantumId}/sources")).ReadAsync<List<SourceDto>>();

    private int FilesIn(Guid quantumId)
    {
        var folder = portal.Services.GetRequiredService<QuantumStorage>().FilesDirectory(quantumId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }
}

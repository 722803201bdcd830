using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Features.Onboarding;

/// <summary>
/// Whole runs on the in-process Hangfire server with the real engine (DuckDB): upload → run → counts, the quarantine,
/// the data endpoint in three formats with the access rule, uploads over the limit, and an SQLite connection source.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OnboardingRunTests(OnboardingPortalFactory portal) : IClassFixture<OnboardingPortalFactory>
{
    private const int GoodRows = OnboardingApiClient.CsvRows - OnboardingApiClient.CsvBadRows;
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");
    private readonly HttpClient _consumer = portal.ClientFor("consumer");

    /// <summary>A sales quantum with the orders CSV onboarded; the run as the API reports it when finished.</summary>
    private async Task<(Guid QuantumId, JsonElement Run)> OnboardedAsync(string? classification = null)
    {
        var (quantum, _) = await portal.QuantumWithContractAsync(classification: classification);
        var runId = await _owner.StartRunIdAsync(quantum.Id, await _owner.AddCsvSourceAsync(quantum.Id));
        return (quantum.Id, await _owner.PollRunAsync(runId));
    }

    [Fact]
    public async Task UploadedCsv_RunsToSucceeded_WithTheExactCounts()
    {
        var (quantumId, run) = await OnboardedAsync();

        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        Assert.Equal(("done", OnboardingApiClient.CsvRows, GoodRows, OnboardingApiClient.CsvBadRows),
            (run.GetProperty("phase").GetString(), run.GetProperty("rowsRead").GetInt64(), run.GetProperty("rowsValid").GetInt64(), run.GetProperty("rowsQuarantined").GetInt64()));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);
        Assert.True(run.GetProperty("startedAt").GetDateTimeOffset() <= run.GetProperty("finishedAt").GetDateTimeOffset());
        var history = await (await _consumer.GetAsync($"/api/v1/quanta/{quantumId}/onboarding-runs")).ReadAsync<List<JsonElement>>();
        Assert.Equal([run.GetProperty("id").GetGuid()], history.Select(r => r.GetProperty("id").GetGuid()));
        var layers = await (await _owner.GetAsync($"/api/v1/quanta/{quantumId}/layers")).ReadAsync<JsonElement>();
        Assert.True(layers.GetProperty("canSeeQuarantine").GetBoolean());
    }

    [Fact]
    public async Task Quarantine_HoldsTheBadRows_ForMembersOnly()
    {
        var (quantumId, run) = await OnboardedAsync();
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());

        var page = await (await _owner.GetAsync($"/api/v1/quanta/{quantumId}/quarantine?object=orders")).ReadAsync<JsonElement>();
        var refused = await _consumer.GetAsync($"/api/v1/quanta/{quantumId}/quarantine?object=orders");
        var otherDomain = await portal.ClientFor("logistics-owner").GetAsync($"/api/v1/quanta/{quantumId}/quarantine");

        Assert.Equal(OnboardingApiClient.CsvBadRows, page.GetProperty("total").GetInt64());
        Assert.Equal(OnboardingApiClient.CsvBadRows, page.GetProperty("rows").GetArrayLength());
        var text = page.GetProperty("rows").ToString();
        Assert.Contains("twelve", text);
        Assert.Contains("2024-13-45", text);
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        await otherDomain.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DataEndpoint_ForAConsumerOnAnInternalContract_MasksTheConfidentialColumn_InEveryFormat()
    {
        var (quantumId, run) = await OnboardedAsync();
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        var url = $"/api/v1/quanta/{quantumId}/ports/rows/data";

        var json = await _consumer.GetAsync(url + "?format=json");
        var csv = await _consumer.GetAsync(url + "?format=csv&limit=5&offset=2");
        var parquet = await _consumer.GetAsync(url + "?format=parquet");
        var ownerJson = await _owner.GetAsync(url + "?format=json");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.StartsWith("application/json", json.Content.Headers.ContentType?.ToString());
        Assert.Equal("customer_email", json.Headers.GetValues("X-Masked-Columns").Single());
        var body = await json.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@example.com", body);
        Assert.Contains("ORD-0001", body);
        Assert.Equal(GoodRows, Rows(body).Count);
        Assert.All(Rows(body), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("customer_email").ValueKind));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 5, lines.Length);
        Assert.Contains("customer_email", lines[0]);
        Assert.DoesNotContain("@", string.Join("\n", lines));

        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType?.MediaType);
        var bytes = await parquet.Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        Assert.True(parquet.Content.Headers.ContentDisposition?.FileName?.Trim('"').EndsWith(".parquet"));

        Assert.False(ownerJson.Headers.Contains("X-Masked-Columns"));
        Assert.Contains("buyer1@example.com", await ownerJson.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DataEndpoint_OnARestrictedContract_Returns403ToAConsumer_AndServesAMember()
    {
        var (quantumId, run) = await OnboardedAsync(classification: "restricted");
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        var url = $"/api/v1/quanta/{quantumId}/ports/rows/data?format=json";

        var problem = await (await _consumer.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        var member = await portal.ClientFor("engineer").GetAsync(url);

        Assert.Contains("restricted", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(GoodRows, Rows(await member.Content.ReadAsStringAsync()).Count);
        var overview = await (await _consumer.GetAsync($"/api/v1/quanta/{quantumId}/layers")).ReadAsync<JsonElement>();
        Assert.False(overview.GetProperty("canReadData").GetBoolean());
        Assert.Contains("restricted", overview.GetProperty("readRefusal").GetString());
    }

    [Fact]
    public async Task GoldSelect_IsPublished_AndServedInsteadOfSilver()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var sourceId = await _owner.AddCsvSourceAsync(quantum.Id);
        var settings = await _owner.PutAsJsonAsync($"/api/v1/quanta/{quantum.Id}/onboarding-settings",
            new { goldSql = "SELECT order_id, amount, channel FROM silver WHERE channel = 'web'" });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        var run = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, sourceId));

        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        // Even rows are "web"; row 4 is one of the bad ones.
        const int webRows = 9;
        Assert.Equal(webRows, run.GetProperty("goldRows").GetInt64());
        var data = await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data?format=json");
        Assert.Equal("gold", data.Headers.GetValues("X-Layer").Single());
        Assert.False(data.Headers.Contains("X-Masked-Columns"), "gold keeps only columns the contract declares open");
        var rows = Rows(await data.Content.ReadAsStringAsync());
        Assert.Equal(webRows, rows.Count);
        Assert.All(rows, r => Assert.Equal("web", r.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task RunningRun_IsCancelledWithinSeconds_AndPublishesNothing()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var file = Path.Combine(portal.FileRoot, PortalApi.Unique("slow") + ".db");
        await using (var create = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await create.OpenAsync();
            await using var command = create.CreateCommand();
            command.CommandText = "CREATE TABLE marker (x INTEGER)";
            await command.ExecuteNonQueryAsync();
        }
        // Fifty million generated rows: far longer than the test waits, so the run is still reading when cancelled.
        const string slow = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000000) "
            + "SELECT 'ORD-' || x AS order_id, 'b@example.com' AS customer_email, x AS amount, '2024-01-01' AS order_date, 'web' AS channel FROM n";
        var created = await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "slow", kind = "sqlite", connection = $"Data Source={file}", query = slow });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var runId = await _owner.StartRunIdAsync(quantum.Id, (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _owner.GetRunAsync(runId)).GetProperty("status").GetString() == "queued" && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal("running", (await _owner.GetRunAsync(runId)).GetProperty("status").GetString());

        var cancel = await _owner.PostAsync($"/api/v1/onboarding-runs/{runId}/cancel", null);
        var asked = DateTime.UtcNow;
        var run = await _owner.PollRunAsync(runId, TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True(run.GetProperty("status").GetString() == "cancelled", run.ToString());
        Assert.True(DateTime.UtcNow - asked < TimeSpan.FromSeconds(10), $"took {DateTime.UtcNow - asked}");
        await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/ports/rows/data")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_OverTheLimit_Returns413_AndLeavesNoFile()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var justOver = CsvOfSize(OnboardingPortalFactory.UploadLimit + 1);
        var farOver = CsvOfSize(OnboardingPortalFactory.UploadLimit + 2 * 1024 * 1024);

        // Under the request limit (upload limit + room for the form): the service counts the bytes and stops.
        var counted = await _owner.UploadAsync(quantum.Id, "big", "big.csv", justOver);
        // Over the request limit: refused from its Content-Length before anything is read.
        // (Sent with "Expect: 100-continue", as large-upload clients do: the server answers before any body byte is
        // sent, so the client cannot be caught writing into a closed connection.)
        var declaredForm = new MultipartFormDataContent { { new StringContent("bigger"), "name" }, { new ByteArrayContent(farOver), "file", "bigger.csv" } };
        var declaredRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/quanta/{quantum.Id}/sources") { Content = declaredForm };
        declaredRequest.Headers.ExpectContinue = true;
        var declared = await _owner.SendAsync(declaredRequest);

        // Chunked, with no length declared: counted while streaming too. Just over the upload limit, like the first one, so the
        // server reads the few remaining bytes instead of closing the connection while the client still writes.
        var form = new MultipartFormDataContent { { new StringContent("chunked"), "name" }, { new StreamContent(new UnknownLengthStream(justOver)), "file", "chunked.csv" } };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/quanta/{quantum.Id}/sources") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await _owner.SendAsync(request);

        Assert.Contains("256 KB", (await counted.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
        await declared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await chunked.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var folder = portal.FilesOf(quantum.Id);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0, "no partial file may stay");
        Assert.Empty(await (await _owner.GetAsync($"/api/v1/quanta/{quantum.Id}/sources")).ReadAsync<List<SourceDto>>());
        Assert.Equal(HttpStatusCode.Created, (await _owner.UploadAsync(quantum.Id, "fits", "fits.csv", CsvOfSize(OnboardingPortalFactory.UploadLimit))).StatusCode);
    }

    [Fact]
    public async Task SqliteConnectionSource_IsTested_Onboarded_AndNeverShowsItsConnectionString()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var file = Path.Combine(portal.FileRoot, PortalApi.Unique("erp") + ".db");
        await WriteOrdersDatabaseAsync(file);
        var connection = $"Data Source={file}";

        var test = await (await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources/test", new { kind = "sqlite", connection, query = "orders" })).ReadAsync<ConnectionTestResult>();
        var created = await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources", new { name = "erp", kind = "sqlite", connection, query = "orders" });

        Assert.True(test.Ok, test.Message);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sourceId = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var list = await (await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/sources")).Content.ReadAsStringAsync();
        var one = await (await _consumer.GetAsync($"/api/v1/quanta/{quantum.Id}/sources/{sourceId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Data Source", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Data Source", one, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"connection\"", list);
        await using (var db = portal.CreateDbContext())
            Assert.DoesNotContain("Data Source", (await db.DataSources.SingleAsync(s => s.Id == sourceId)).ProtectedConnection);

        var run = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, sourceId));

        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        Assert.Equal((OnboardingApiClient.CsvRows, GoodRows, OnboardingApiClient.CsvBadRows),
            (run.GetProperty("rowsRead").GetInt64(), run.GetProperty("rowsValid").GetInt64(), run.GetProperty("rowsQuarantined").GetInt64()));
    }

    [Fact]
    public async Task SqliteConnection_OutsideTheAllowedRoot_IsRefused()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();

        // A linked folder under the root that points at the data folder: the file "under the root" is the portal's database.
        var link = Path.Combine(portal.FileRoot, PortalApi.Unique("data"));
        Directory.CreateSymbolicLink(link, portal.DataFolder);

        var response = await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources",
            new { name = "portal", kind = "sqlite", connection = $"Data Source={portal.DataFolder}/meshportal.db", query = "AccessTokens" });
        var viaLink = await _owner.PostAsJsonAsync($"/api/v1/quanta/{quantum.Id}/sources",
            new { name = "linked", kind = "sqlite", connection = $"Data Source={link}/meshportal.db", query = "AccessTokens" });

        Assert.Equal(["connection"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["connection"], (await viaLink.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task ServerFile_UnderTheRoot_IsAccepted_AndEscapesAreRefused()
    {
        var (quantum, _) = await portal.QuantumWithContractAsync();
        var inside = Path.Combine(portal.FileRoot, PortalApi.Unique("drop") + ".csv");
        await File.WriteAllTextAsync(inside, OnboardingApiClient.OrdersCsv());
        var outsideDir = Path.Combine(portal.DataFolder, "outside");
        Directory.CreateDirectory(outsideDir);
        await File.WriteAllTextAsync(Path.Combine(outsideDir, "secret.csv"), "a\n1\n");
        var link = Path.Combine(portal.FileRoot, PortalApi.Unique("link"));
        Directory.CreateSymbolicLink(link, outsideDir);

        var ok = await PostPathAsync(quantum.Id, "ok", Path.GetFileName(inside));
        var dotdot = await PostPathAsync(quantum.Id, "dotdot", "../outside/secret.csv");
        var viaLink = await PostPathAsync(quantum.Id, "link", Path.Combine(Path.GetFileName(link), "secret.csv"));
        var missing = await PostPathAsync(quantum.Id, "missing", "nothing-here.csv");

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        foreach (var refused in new[] { dotdot, viaLink, missing })
            Assert.Equal(["path"], (await refused.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var run = await _owner.PollRunAsync(await _owner.StartRunIdAsync(quantum.Id, (await ok.ReadAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
    }

    private Task<HttpResponseMessage> PostPathAsync(Guid quantumId, string name, string path) =>
        _owner.PostAsJsonAsync($"/api/v1/quanta/{quantumId}/sources", new { name, kind = "server-file", path });

    /// <summary>The data endpoint's JSON: an array of row objects (or an object with a rows array).</summary>
    private static List<JsonElement> Rows(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var rows = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("rows");
        return rows.EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>A valid orders CSV of exactly <paramref name="bytes"/> bytes.</summary>
    private static byte[] CsvOfSize(long bytes)
    {
        var builder = new StringBuilder("order_id,customer_email,amount,order_date,channel\n");
        for (var i = 1; builder.Length < bytes; i++) builder.Append($"ORD-{i:D7},b{i}@example.com,{i}.00,2024-01-01,web\n");
        return Encoding.ASCII.GetBytes(builder.ToString()[..(int)bytes]);
    }

    /// <summary>Hides the length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }

    private static async Task WriteOrdersDatabaseAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE orders (order_id TEXT, customer_email TEXT, amount TEXT, order_date TEXT, channel TEXT)";
        await create.ExecuteNonQueryAsync();
        foreach (var line in OnboardingApiClient.OrdersCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var values = line.Split(',');
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO orders VALUES ($id, $email, $amount, $date, $channel)";
            insert.Parameters.AddWithValue("$id", values[0].Length == 0 ? DBNull.Value : values[0]);
            insert.Parameters.AddWithValue("$email", values[1]);
            insert.Parameters.AddWithValue("$amount", values[2]);
            insert.Parameters.AddWithValue("$date", values[3]);
            insert.Parameters.AddWithValue("$channel", values[4]);
            await insert.ExecuteNonQueryAsync();
        }
    }
}

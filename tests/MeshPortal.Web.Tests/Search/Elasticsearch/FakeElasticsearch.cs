using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using MeshPortal.Web.Search.Elasticsearch;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>One request the client sent: method, path, query string and body text.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException($"{Method} {Path} has no JSON body");

    /// <summary>The NDJSON lines of a bulk body (each must be a JSON document of its own).</summary>
    public IReadOnlyList<JsonNode> Lines => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

    public override string ToString() => $"{Method} {Path}{Query}";
}

/// <summary>
/// A stand-in for the cluster's HTTP endpoint: records every request and answers from <see cref="Respond"/>, or with
/// a plausible acknowledgement for the index-management calls. Plugged into the real client through its
/// <see cref="HttpRequestInvoker"/>, so the client's own serialization produces what is recorded.
/// </summary>
public sealed class FakeElasticsearch : HttpMessageHandler
{
    public const string Alias = "meshportal-test";
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);
    public const string NewIndex = Alias + "-20250102030405006";

    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Answers a request (status, JSON body); null falls back to the defaults.</summary>
    public Func<RecordedRequest, (int Status, string Body)?>? Respond { get; set; }

    /// <summary>Whether HEAD /_alias/{alias} finds the alias.</summary>
    public bool AliasExists { get; set; } = true;

    /// <summary>The index the alias points to for GET /_alias.</summary>
    public string? AliasedIndex { get; set; } = Alias + "-20240101000000000";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public RecordedRequest Single(string method, string pathEnd) =>
        Assert.Single(Requests, r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    public ElasticsearchDictionaryIndex CreateIndex() =>
        new(CreateClient(this), Alias, time: new FakeTimeProvider(Now));

    public static ElasticsearchClient CreateClient(HttpMessageHandler handler) =>
        new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://elasticsearch.test:9200")),
            new HttpRequestInvoker((_, _) => handler)));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = await BodyAsync(request, ct);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, body);
        lock (_requests) _requests.Add(recorded);
        var (status, json) = Respond?.Invoke(recorded) ?? Default(recorded);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }

    /// <summary>The request body as text (the client gzips bodies: Content-Encoding gzip).</summary>
    private static async Task<string> BodyAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Content is null) return "";
        var bytes = await request.Content.ReadAsByteArrayAsync(ct);
        if (request.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, ct);
            bytes = plain.ToArray();
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private (int, string) Default(RecordedRequest r) => (r.Method, r.Path) switch
    {
        ("HEAD", var p) when p.StartsWith("/_alias/", StringComparison.Ordinal) => AliasExists ? (200, "") : (404, ""),
        ("GET", var p) when p.StartsWith("/_alias/", StringComparison.Ordinal) => AliasedIndex is null
            ? (404, $$"""{"error":"alias [{{Alias}}] missing","status":404}""")
            : (200, new JsonObject { [AliasedIndex] = new JsonObject { ["aliases"] = new JsonObject { [Alias] = new JsonObject() } } }.ToJsonString()),
        ("PUT", var p) => (200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{p.TrimStart('/')}}"}"""),
        ("DELETE", _) => (200, """{"acknowledged":true}"""),
        ("POST", "/_aliases") => (200, """{"acknowledged":true}"""),
        ("POST", var p) when p.EndsWith("/_refresh", StringComparison.Ordinal) => (200, """{"_shards":{"total":1,"successful":1,"failed":0}}"""),
        ("POST", var p) when p.EndsWith("/_bulk", StringComparison.Ordinal) => (200, BulkAcknowledged(r)),
        ("POST", var p) when p.EndsWith("/_count", StringComparison.Ordinal) => (200, """{"count":0,"_shards":{"total":1,"successful":1,"failed":0}}"""),
        ("POST", var p) when p.EndsWith("/_search", StringComparison.Ordinal) => (200, Hits(0)),
        _ => (400, $$"""{"error":{"type":"unexpected_request","reason":"the fake has no answer for {{r.Method}} {{r.Path}}"},"status":400}"""),
    };

    /// <summary>A bulk answer with one successful item per action line.</summary>
    public static string BulkAcknowledged(RecordedRequest bulk)
    {
        var items = new JsonArray();
        foreach (var line in bulk.Lines)
        {
            if (line is not JsonObject action || action.Count != 1) continue;
            var (op, meta) = action.First();
            if (op is not ("index" or "delete" or "create" or "update")) continue;
            items.Add(new JsonObject
            {
                [op] = new JsonObject
                {
                    ["_index"] = "idx", ["_id"] = meta?["_id"]?.GetValue<string>(), ["status"] = op == "index" ? 201 : 200,
                    ["result"] = op == "delete" ? "deleted" : "created",
                },
            });
        }
        return new JsonObject { ["took"] = 1, ["errors"] = false, ["items"] = items }.ToJsonString();
    }

    /// <summary>A search answer with <paramref name="total"/> and the given hits (JSON objects) and aggregations.</summary>
    public static string Hits(long total, IEnumerable<JsonObject>? hits = null, JsonObject? aggregations = null)
    {
        var result = new JsonObject
        {
            ["took"] = 1, ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = total, ["relation"] = "eq" },
                ["max_score"] = null,
                ["hits"] = new JsonArray((hits ?? []).Select(h => (JsonNode)h).ToArray()),
            },
        };
        if (aggregations is not null) result["aggregations"] = aggregations;
        return result.ToJsonString();
    }
}

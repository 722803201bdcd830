using System.Runtime.CompilerServices;
using MeshPortal.Web.Search;
using static MeshPortal.Web.Tests.Search.Elasticsearch.JsonAssert;

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>A full rebuild: create a timestamped index, fill it, refresh, swap the alias in one call, drop the old index.</summary>
public sealed class ElasticsearchRebuildTests
{
    private const string OldIndex = FakeElasticsearch.Alias + "-20240101000000000";

    private static DictionaryDocument Column(int i) => new()
    {
        Id = $"column:metrics@1.0.0/metrics.metric_{i:D4}", Type = DictionaryTypes.Column, Source = "contract:metrics",
        Title = $"metric_{i:D4}", Url = $"/contracts/metrics/1.0.0#metrics.metric_{i:D4}",
    };

    private static async IAsyncEnumerable<DictionaryDocument> Stream(int count, Exception? failAfter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            yield return Column(i);
        }
        await Task.Yield();
        if (failAfter is not null) throw failAfter;
    }

    [Fact]
    public async Task Rebuild_CreatesFillsRefreshes_SwapsTheAliasAtomically_ThenDeletesTheOldIndex()
    {
        var fake = new FakeElasticsearch { AliasedIndex = OldIndex };
        var progress = new List<long>();

        var count = await fake.CreateIndex().RebuildAsync(Stream(1_500), new SynchronousProgress(progress.Add));

        Assert.Equal(1_500, count);
        Assert.Equal([1_000, 1_500], progress);
        const string created = FakeElasticsearch.NewIndex;
        Assert.Equal(
            [
                $"PUT /{created}",
                $"POST /{created}/_bulk", $"POST /{created}/_bulk",
                $"POST /{created}/_refresh",
                $"GET /_alias/{FakeElasticsearch.Alias}",
                "POST /_aliases",
                $"DELETE /{OldIndex}",
            ],
            fake.Requests.Select(r => $"{r.Method} {r.Path}"));

        var create = fake.Single("PUT", $"/{created}").Json;
        Assert.Equal("strict", Text(create, "mappings.dynamic"));
        Assert.Throws<Xunit.Sdk.XunitException>(() => At(create, "aliases")); // the alias moves only at the swap

        var actions = At(fake.Single("POST", "/_aliases").Json, "actions").AsArray().Select(a => a!.AsObject().Single()).ToList();
        Assert.Equal(2, actions.Count);
        Assert.Equal(("remove", OldIndex, FakeElasticsearch.Alias), (actions[0].Key, Text(actions[0].Value!, "index"), Text(actions[0].Value!, "alias")));
        Assert.Equal(("add", created, FakeElasticsearch.Alias), (actions[1].Key, Text(actions[1].Value!, "index"), Text(actions[1].Value!, "alias")));

        var bulk = fake.Requests.First(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        Assert.Equal(1_000, bulk.Lines.Count(l => l["index"] is not null));
        Assert.Equal(Column(0).Id, Text(bulk.Lines[0], "index._id"));
        Assert.Equal(Column(0).Title, Text(bulk.Lines[1], "title"));
    }

    [Fact]
    public async Task Rebuild_OnFirstStart_OnlyAddsTheAlias()
    {
        var fake = new FakeElasticsearch { AliasedIndex = null };

        Assert.Equal(3, await fake.CreateIndex().RebuildAsync(Stream(3)));

        var action = Assert.Single(At(fake.Single("POST", "/_aliases").Json, "actions").AsArray());
        Assert.Equal(FakeElasticsearch.NewIndex, Text(action!, "add.index"));
        Assert.DoesNotContain(fake.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Rebuild_WhenTheStreamFails_DropsTheNewIndex_AndLeavesTheAlias()
    {
        var fake = new FakeElasticsearch { AliasedIndex = OldIndex };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => fake.CreateIndex().RebuildAsync(Stream(10, new InvalidOperationException("the database went away"))));

        Assert.Equal("the database went away", error.Message);
        Assert.DoesNotContain(fake.Requests, r => r.Path == "/_aliases");
        Assert.Equal([$"/{FakeElasticsearch.NewIndex}"], fake.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path));
    }

    [Fact]
    public async Task Rebuild_WhenTheSwapIsRefused_DropsTheNewIndex_AndSaysWhy()
    {
        var fake = new FakeElasticsearch
        {
            AliasedIndex = OldIndex,
            Respond = r => r.Path == "/_aliases"
                ? (404, """{"error":{"root_cause":[{"type":"aliases_not_found_exception","reason":"aliases [meshportal-test] missing"}],"type":"aliases_not_found_exception","reason":"aliases [meshportal-test] missing"},"status":404}""")
                : null,
        };

        var error = await Assert.ThrowsAsync<MeshPortal.Web.Search.Elasticsearch.ElasticsearchDictionaryException>(
            () => fake.CreateIndex().RebuildAsync(Stream(2)));

        Assert.Contains("aliases_not_found_exception: aliases [meshportal-test] missing", error.Message);
        Assert.Equal([$"/{FakeElasticsearch.NewIndex}"], fake.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

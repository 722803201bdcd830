using System.Runtime.CompilerServices;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Directory = System.IO.Directory;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using Lucene.Net.Util;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Lucene;
using static MeshPortal.Web.Tests.Search.DictionaryCorpus;

namespace MeshPortal.Web.Tests.Search.Lucene;

/// <summary>What only the Lucene backend promises: its folder layout, restarts, and writes kept across a rebuild.</summary>
public sealed class LuceneDictionaryIndexTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "meshportal-dictionary-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private async Task<LuceneDictionaryIndex> SeededAsync()
    {
        var index = new LuceneDictionaryIndex(_root);
        await index.ReplaceSourcesAsync(Sources, All);
        return index;
    }

    private string[] IndexFolders() => Directory.GetDirectories(_root, "index-*").Select(Path.GetFileName).ToArray()!;

    [Fact]
    public async Task Rebuild_SwitchesThePointer_AndDeletesTheOldFolder()
    {
        await using var index = await SeededAsync();
        var before = index.LiveFolder;
        Assert.Equal([Path.GetFileName(before)], IndexFolders());

        await index.RebuildAsync(Stream(All));

        Assert.NotEqual(before, index.LiveFolder);
        Assert.False(Directory.Exists(before), "the old index folder is deleted");
        Assert.Equal([Path.GetFileName(index.LiveFolder)], IndexFolders());
        Assert.Equal(Path.GetFileName(index.LiveFolder), File.ReadAllText(Path.Combine(_root, "current")).Trim());
        Assert.False(File.Exists(Path.Combine(_root, "current.tmp")));
    }

    [Fact]
    public async Task Restart_OpensTheLiveIndex_AfterWritesAndRebuilds()
    {
        var rebuilt = All.Where(d => d.Source != ShipmentsContract).ToList();
        await using (var index = await SeededAsync())
        {
            await index.RebuildAsync(Stream(rebuilt));
            await index.ReplaceSourcesAsync(["quantum:new"], [Quantum("quantum:new", "sales", "returns", "Returns", "bronze", "active", [], "Goods sent back.")]);
        }

        await using var reopened = new LuceneDictionaryIndex(_root);

        Assert.Equal(rebuilt.Count + 1, await reopened.CountAsync());
        Assert.Equal(CustomerIdColumn.Id, (await reopened.SearchAsync(new SearchRequest { Text = "customer_id" })).Hits[0].Id);
        Assert.Single((await reopened.SearchAsync(new SearchRequest { Text = "returns" })).Hits);
    }

    [Fact]
    public async Task Start_DeletesFoldersOfAnInterruptedRebuild()
    {
        string live;
        await using (var index = await SeededAsync()) live = Path.GetFileName(index.LiveFolder);
        var leftover = Path.Combine(_root, "index-1");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "_0.cfs"), "half written");

        await using var reopened = new LuceneDictionaryIndex(_root);

        Assert.Equal([live], IndexFolders());
        Assert.Equal(All.Count, await reopened.CountAsync());
    }

    [Fact]
    public async Task Start_WithAPointerToNothing_StartsEmpty()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "current"), "index-404");

        await using var index = new LuceneDictionaryIndex(_root);

        Assert.Equal(0, await index.CountAsync());
        await index.ReplaceSourcesAsync([SalesDomain], [Sales]);
        Assert.Equal(1, await index.CountAsync());
    }

    [Fact]
    public async Task Start_WithAnIndexOfAnotherFormat_StartsEmpty()
    {
        var foreign = Path.Combine(_root, "index-5");
        using (var directory = FSDirectory.Open(foreign))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new IdentifierAnalyzer())))
        {
            writer.AddDocument(new Document { new StringField("id", "old", Field.Store.YES) });
            writer.Commit();
        }
        File.WriteAllText(Path.Combine(_root, "current"), "index-5");

        await using var index = new LuceneDictionaryIndex(_root);

        Assert.Equal(0, await index.CountAsync());
        Assert.False(Directory.Exists(foreign));
        Assert.Equal(0, (await index.SearchAsync(new SearchRequest())).Total);
    }

    [Fact]
    public async Task WritesDuringRebuild_AreKeptAfterTheSwap()
    {
        await using var index = await SeededAsync();
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The stream read the orders contract and the profiles quantum before they changed.
        var rebuild = index.RebuildAsync(Stream(All, pauseAt: All.Count - 1, paused, resume));
        await paused.Task.WaitAsync(Timeout);

        var returns = Quantum("quantum:new", "sales", "returns", "Returns", "bronze", "active", [], "Goods sent back.");
        await index.ReplaceSourcesAsync(["quantum:new"], [returns]);
        await index.ReplaceSourcesAsync([OrdersContract], []);
        await index.ReplaceSourcesAsync([ProfilesQuantum], [Profiles with { Title = "Client Profiles" }]);
        Assert.Single((await index.SearchAsync(new SearchRequest { Text = "returns" })).Hits); // visible at once

        resume.SetResult();
        await rebuild.WaitAsync(Timeout);

        Assert.Single((await index.SearchAsync(new SearchRequest { Text = "returns" })).Hits);
        Assert.Empty((await index.SearchAsync(new SearchRequest { Text = "customer_name" })).Hits);
        Assert.Equal("Client Profiles", Assert.Single((await index.SearchAsync(new SearchRequest { Text = "profiles" })).Hits).Title);
        Assert.Equal(All.Count - OfSource(OrdersContract).Count + 1, await index.CountAsync());
    }

    [Fact]
    public async Task SearchesDuringSwaps_NeverFail()
    {
        await using var index = await SeededAsync();
        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = await index.SearchAsync(new SearchRequest { Text = "customer" });
                    if (result.Total != 5) throw new InvalidOperationException($"saw {result.Total} hits");
                }
                catch (Exception e)
                {
                    lock (failures) failures.Add(e);
                    return;
                }
            }
        })).ToList();

        for (var i = 0; i < 3; i++) await index.RebuildAsync(Stream(All));
        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(Timeout);

        Assert.Empty(failures);
        Assert.Single(IndexFolders());
    }

    [Fact]
    public async Task ReplaceSources_WithAnInvalidDocument_ChangesNothing()
    {
        await using var index = await SeededAsync();
        var broken = OfSource(OrdersContract).Select(d => d.Id == CustomerNameColumn.Id ? d with { Title = null! } : d).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => index.ReplaceSourcesAsync([OrdersContract], broken));

        Assert.Contains(CustomerNameColumn.Id, error.Message);
        Assert.Equal(All.Count, await index.CountAsync());
        await index.ReplaceSourcesAsync([SalesDomain], [Sales]); // a later commit carries no half-done delete
        Assert.Equal(All.Count, await index.CountAsync());
    }

    [Fact]
    public async Task Rebuild_WithAnInvalidDocument_FailsAndKeepsTheOldIndex()
    {
        await using var index = await SeededAsync();
        var before = index.LiveFolder;
        var broken = All.Append(Orders with { Id = "quantum:broken", Url = null! }).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => index.RebuildAsync(Stream(broken)));

        Assert.Equal(before, index.LiveFolder);
        Assert.Equal([Path.GetFileName(before)], IndexFolders());
        Assert.Equal(All.Count, await index.CountAsync());
    }

    [Fact]
    public async Task Dispose_ThenUse_Throws()
    {
        var index = await SeededAsync();
        await index.DisposeAsync();
        await index.DisposeAsync(); // twice is fine

        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.SearchAsync(new SearchRequest { Text = "customer" }));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.ReplaceSourcesAsync([SalesDomain], []));
    }

    [Theory]
    [InlineData("customer_id", "customer_id customer id")]
    [InlineData("customerId", "customerid customer id")]
    [InlineData("CustomerID", "customerid customer id")]
    [InlineData("customer-id", "customer-id customer id")]
    [InlineData("orders.customer_id", "orders customer_id customer id")]
    [InlineData("Café -- v2Total", "cafe v2total v 2 total")]
    public void Analyzer_SplitsIdentifiers_AndKeepsThemWhole(string text, string expected)
    {
        using var analyzer = new IdentifierAnalyzer();
        using var stream = analyzer.GetTokenStream("title", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var terms = new List<string>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();

        Assert.Equal(expected, string.Join(' ', terms));
    }

    private static async IAsyncEnumerable<DictionaryDocument> Stream(IReadOnlyList<DictionaryDocument> documents, int pauseAt = -1,
        TaskCompletionSource? paused = null, TaskCompletionSource? resume = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            if (i == pauseAt && paused is not null && resume is not null)
            {
                paused.SetResult();
                await resume.Task.WaitAsync(ct);
            }
            yield return documents[i];
        }
        await Task.Yield();
    }
}

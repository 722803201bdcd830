using System.Net;
using System.Net.Http.Json;
using Hangfire;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Tests.Features.Contracts;
using MeshPortal.Web.Tests.Infrastructure;
using MeshPortal.Web.Tests.Search.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MeshPortal.Web.Tests.Search.Api.SearchApiClient;

namespace MeshPortal.Web.Tests.Search.Indexing;

/// <summary>
/// Every change reaches the dictionary through an outbox row written in the change's own transaction, and the
/// drain (the Hangfire job, run here by hand) is safe to fail, retry and repeat. Real SQLite, real Lucene; the index
/// is wrapped in a fault injector so the failure between "saved" and "indexed" can be staged.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DictionaryOutboxTests(FaultInjectingPortalFactory portal) : IClassFixture<FaultInjectingPortalFactory>, IAsyncLifetime
{
    private HttpClient Admin => portal.ClientFor("admin");

    /// <summary>Each test starts from a caught-up index and a working one.</summary>
    public async Task InitializeAsync()
    {
        portal.Index.Fault = WriteFault.None;
        await portal.Indexer.DrainAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        portal.Index.Fault = WriteFault.None;
        portal.Index.FailingSource = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisterQuantum_WritesAnUnprocessedOutboxRowForIt_AndEnqueuesADrain()
    {
        var monitoring = portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var enqueuedBefore = monitoring.EnqueuedCount("default");

        var quantum = await Admin.RegisterAsync("sales");

        var row = Assert.Single(await OutboxAsync(DictionarySources.Quantum(quantum.Id)));
        Assert.Null(row.ProcessedAt);
        Assert.Equal(0, row.Attempts);
        // No job server runs in this app, so the drain the save asked for waits in the queue.
        Assert.Equal(enqueuedBefore + 1, monitoring.EnqueuedCount("default"));
    }

    [Fact]
    public async Task Save_RolledBackWithItsTransaction_TakesItsOutboxRowWithIt()
    {
        var template = await AnyQuantumAsync();
        var quantum = new Quantum { DomainId = template.DomainId, OwnerId = template.OwnerId, Slug = PortalApi.Unique("rolled-back"), Name = "Rolled back" };
        var source = DictionarySources.Quantum(quantum.Id);

        await using (var db = portal.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Quanta.Add(quantum);
            await db.SaveChangesAsync();
            Assert.True(await db.DictionaryOutbox.AnyAsync(e => e.Source == source), "the row is written inside the caller's transaction");
            await transaction.RollbackAsync();
        }

        Assert.Empty(await OutboxAsync(source));
        await using var check = portal.CreateDbContext();
        Assert.False(await check.Quanta.AnyAsync(q => q.Id == quantum.Id));
    }

    [Fact]
    public async Task FailedSave_DuplicateSlug_WritesNoOutboxRow()
    {
        var existing = await AnyQuantumAsync();
        var duplicate = new Quantum { DomainId = existing.DomainId, OwnerId = existing.OwnerId, Slug = existing.Slug, Name = "Duplicate" };
        var rowsBefore = await OutboxCountAsync();

        await using (var db = portal.CreateDbContext())
        {
            db.Quanta.Add(duplicate);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Empty(await OutboxAsync(DictionarySources.Quantum(duplicate.Id)));
        Assert.Equal(rowsBefore, await OutboxCountAsync());

        // Through the API the service refuses the duplicate before saving: nothing is written either.
        var response = await Admin.PostAsJsonAsync("/api/v1/quanta", PortalApi.QuantumBody(existing.Domain!.Slug, existing.Slug));
        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(rowsBefore, await OutboxCountAsync());
    }

    [Fact]
    public async Task IndexFailsBetweenSaveAndIndex_ThenRecovers_NothingIsLost()
    {
        var word = UniqueWord("okapi");
        var quantum = await Admin.RegisterAsync("sales", name: "Okapi feed " + word);
        var source = DictionarySources.Quantum(quantum.Id);

        portal.Index.Fault = WriteFault.BeforeWrite;
        var error = await Assert.ThrowsAsync<IOException>(() => portal.Indexer.DrainAsync(CancellationToken.None));
        Assert.Equal(FaultInjectingDictionaryIndex.FaultMessage, error.Message);

        var failed = Assert.Single(await OutboxAsync(source));
        Assert.Null(failed.ProcessedAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(FaultInjectingDictionaryIndex.FaultMessage, failed.LastError);
        Assert.Equal(0, (await Admin.SearchAsync(word)).Total);

        // A second failed attempt is counted too; the row is still waiting.
        await Assert.ThrowsAsync<IOException>(() => portal.Indexer.DrainAsync(CancellationToken.None));
        Assert.Equal(2, Assert.Single(await OutboxAsync(source)).Attempts);

        portal.Index.Fault = WriteFault.None;
        Assert.True(await portal.Indexer.DrainAsync(CancellationToken.None) >= 1);

        Assert.NotNull(Assert.Single(await OutboxAsync(source)).ProcessedAt);
        var hit = Assert.Single((await Admin.SearchAsync(word)).Hits);
        Assert.Equal((DictionaryTypes.Quantum, "quantum:" + quantum.Id, "Okapi feed " + word), (hit.Type, hit.Id, hit.Title));
        Assert.Equal($"sales/{quantum.Slug}", hit.Quantum);
    }

    [Fact]
    public async Task OneSourceThatKeepsFailing_DoesNotHoldBackTheOthers()
    {
        var word = UniqueWord("quokka");
        var poisoned = await Admin.RegisterAsync("sales", name: "Quokka poisoned " + word);
        var healthy = await Admin.RegisterAsync("sales", name: "Quokka healthy " + word);
        portal.Index.FailingSource = DictionarySources.Quantum(poisoned.Id);

        await Assert.ThrowsAsync<IOException>(() => portal.Indexer.DrainAsync(CancellationToken.None));

        var hit = Assert.Single((await Admin.SearchAsync(word)).Hits);
        Assert.Equal("quantum:" + healthy.Id, hit.Id);
        Assert.NotNull(Assert.Single(await OutboxAsync(DictionarySources.Quantum(healthy.Id))).ProcessedAt);
        var waiting = Assert.Single(await OutboxAsync(DictionarySources.Quantum(poisoned.Id)));
        Assert.Null(waiting.ProcessedAt);
        Assert.Equal(1, waiting.Attempts);

        portal.Index.FailingSource = null;
        await portal.Indexer.DrainAsync(CancellationToken.None);
        Assert.Equal(2, (await Admin.SearchAsync(word)).Total);
    }

    [Fact]
    public async Task CrashAfterIndexingBeforeMarkingProcessed_TheRetryAddsNoDuplicates()
    {
        var word = UniqueWord("quokka");
        var quantum = await Admin.RegisterAsync("logistics", name: "Quokka stock " + word);
        var source = DictionarySources.Quantum(quantum.Id);

        portal.Index.Fault = WriteFault.AfterWrite;
        await Assert.ThrowsAsync<IOException>(() => portal.Indexer.DrainAsync(CancellationToken.None));
        Assert.Null(Assert.Single(await OutboxAsync(source)).ProcessedAt);
        var indexedOnce = await portal.Index.CountAsync();
        var firstAnswer = await Admin.SearchAsync(word);
        Assert.Equal(1, firstAnswer.Total);

        portal.Index.Fault = WriteFault.None;
        await portal.Indexer.DrainAsync(CancellationToken.None);

        Assert.NotNull(Assert.Single(await OutboxAsync(source)).ProcessedAt);
        Assert.Equal(indexedOnce, await portal.Index.CountAsync());
        Assert.Equal(Unscored(firstAnswer), Unscored(await Admin.SearchAsync(word)));
    }

    [Fact]
    public async Task DrainingTwice_ChangesNothing()
    {
        var word = UniqueWord("wombat");
        var quantum = await Admin.RegisterAsync("finance", name: "Wombat ledger " + word, tags: ["wombat", "ledger"]);
        await portal.Indexer.DrainAsync(CancellationToken.None);
        var count = await portal.Index.CountAsync();
        var answer = await Admin.SearchAsync(word);
        Assert.Equal(1, answer.Total);

        // Nothing pending: a second drain processes nothing.
        Assert.Equal(0, await portal.Indexer.DrainAsync(CancellationToken.None));

        // The same rows replayed (as after a crash that lost the "processed" mark): re-indexing adds nothing.
        await using (var db = portal.CreateDbContext())
        {
            var sources = new[] { DictionarySources.Quantum(quantum.Id), DictionarySources.Domain("finance") };
            await db.DictionaryOutbox.Where(e => sources.Contains(e.Source)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, (DateTimeOffset?)null));
        }
        Assert.True(await portal.Indexer.DrainAsync(CancellationToken.None) >= 1);

        Assert.Equal(count, await portal.Index.CountAsync());
        var again = await Admin.SearchAsync(word);
        Assert.Equal(Unscored(answer), Unscored(again));
        Assert.Equivalent(answer.Facets, again.Facets, strict: true);
    }

    [Fact]
    public async Task ContractImportedThenDeleted_ReachesTheIndexBothTimes()
    {
        var id = "outbox-" + UniqueWord("c");
        var column = UniqueWord("tapir_");
        var contract = ContractsApiClient.Contract(id, properties: [ContractsApiClient.OrderId, $"""
                      - name: {column}
                        logicalType: string
                        description: A column only this test has.
                """]);
        await Admin.ImportAsync(contract);

        Assert.Single(await OutboxAsync(DictionarySources.Contract(id)));
        await portal.Indexer.DrainAsync(CancellationToken.None);
        var hit = Assert.Single((await Admin.SearchAsync(("q", column), ("type", "column"))).Hits);
        Assert.Equal((id, "orders." + column, "sales"), (hit.ContractId, hit.Path, hit.Domain));

        (await Admin.DeleteAsync($"/api/v1/contracts/{id}/versions/1.0.0")).EnsureSuccessStatusCode();
        await portal.Indexer.DrainAsync(CancellationToken.None);

        Assert.Equal(0, (await Admin.SearchAsync(column)).Total);
        Assert.Equal(0, (await Admin.SearchAsync(("q", id), ("type", "contract"))).Total);
    }

    /// <summary>
    /// What a search answered, without scores: BM25 statistics still count deleted documents until segments merge,
    /// so replacing an entry with an identical one may nudge a score.
    /// </summary>
    private static (long, string) Unscored(SearchResult result) =>
        (result.Total, string.Join("\n", result.Hits.Select(h => $"{h with { Score = 0, Highlights = [] }} {string.Join("|", h.Highlights)}")));

    private async Task<List<DictionaryOutboxEntry>> OutboxAsync(string source)
    {
        await using var db = portal.CreateDbContext();
        return await db.DictionaryOutbox.AsNoTracking().Where(e => e.Source == source).ToListAsync();
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.DictionaryOutbox.CountAsync();
    }

    private async Task<Quantum> AnyQuantumAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Quanta.AsNoTracking().Include(q => q.Domain).OrderBy(q => q.Slug).FirstAsync();
    }
}

using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Tests.Infrastructure;
using MeshPortal.Web.Tests.Search.Api;
using Microsoft.EntityFrameworkCore;
using static MeshPortal.Web.Tests.Search.Api.SearchApiClient;

namespace MeshPortal.Web.Tests.Search.Indexing;

/// <summary>
/// A full rebuild reads the database while people keep saving. The rebuild is held part-way (after every domain and
/// quantum has been read, at the first column), changes are saved through the API, then it goes on. No drain runs
/// in this app, so only the rebuild's replay of the outbox rows written since its high-water mark can bring them in.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DictionaryRebuildReplayTests(FaultInjectingPortalFactory portal) : IClassFixture<FaultInjectingPortalFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private HttpClient Admin => portal.ClientFor("admin");

    [Fact]
    public async Task ChangesSavedDuringARebuild_ArePresentAfterIt()
    {
        await portal.Indexer.DrainAsync(CancellationToken.None);
        var renamedWord = UniqueWord("narwhal");
        var newWord = UniqueWord("axolotl");
        var orders = await Admin.GetQuantumAsync(await SeededQuantumIdAsync("sales", "orders"));
        var rebuildId = await NewRebuildAsync();

        var hold = portal.Index.HoldNextRebuild(at: d => d.Type == DictionaryTypes.Column);
        var rebuild = portal.Indexer.RebuildAsync(rebuildId, CancellationToken.None);
        await hold.Reached.Task.WaitAsync(Timeout);

        (await Admin.PutQuantumAsync(orders, name: "Orders " + renamedWord)).EnsureSuccessStatusCode();
        var added = await Admin.RegisterAsync("sales", name: "Axolotl leads " + newWord);
        hold.Release();
        await rebuild.WaitAsync(Timeout);

        await using (var db = portal.CreateDbContext())
        {
            var record = await db.DictionaryRebuilds.AsNoTracking().SingleAsync(r => r.Id == rebuildId);
            Assert.Equal(("succeeded", null), (record.Status, record.Error));
            Assert.True(await db.DictionaryOutbox.AnyAsync(e => e.ProcessedAt == null), "no drain ran: the replay did the work");
        }
        var renamed = Assert.Single((await Admin.SearchAsync(renamedWord)).Hits);
        Assert.Equal(("quantum:" + orders.Id, "Orders " + renamedWord), (renamed.Id, renamed.Title));
        Assert.DoesNotContain((await Admin.SearchAsync(("q", "orders"), ("type", "quantum"), ("domain", "sales"))).Hits, h => h.Title == "Orders");
        Assert.Equal("quantum:" + added.Id, Assert.Single((await Admin.SearchAsync(newWord)).Hits).Id);
    }

    [Fact]
    public async Task ARowCommittedBelowTheMark_AndDrainedDuringTheRebuild_IsReplayed()
    {
        await portal.Indexer.DrainAsync(CancellationToken.None);
        var word = UniqueWord("ibis");
        var shipments = await Admin.GetQuantumAsync(await SeededQuantumIdAsync("logistics", "shipments"));
        var rebuildId = await NewRebuildAsync();
        var mark = await HighWaterMarkAsync();
        var hold = portal.Index.HoldNextRebuild(at: d => d.Type == DictionaryTypes.Column);
        portal.Index.WritesDuringRebuildReachOnlyTheOldIndex = true;
        try
        {
            var rebuild = portal.Indexer.RebuildAsync(rebuildId, CancellationToken.None);
            await hold.Reached.Task.WaitAsync(Timeout);
            (await Admin.PutQuantumAsync(shipments, name: "Shipments " + word)).EnsureSuccessStatusCode();
            await RenumberBelowAsync(mark);
            Assert.True(await portal.Indexer.DrainAsync(CancellationToken.None) > 0, "the drain indexed the change (into the old index)");
            hold.Release();
            await rebuild.WaitAsync(Timeout);
        }
        finally
        {
            portal.Index.WritesDuringRebuildReachOnlyTheOldIndex = false;
            hold.Release();
        }

        var renamed = Assert.Single((await Admin.SearchAsync(word)).Hits);
        Assert.Equal("quantum:" + shipments.Id, renamed.Id);
    }

    private async Task<long> HighWaterMarkAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.DictionaryOutbox.MaxAsync(e => e.Id);
    }

    /// <summary>
    /// What SQL Server may do: ids are taken at insert, so a save that commits after the rebuild read its mark can
    /// carry ids below it. The rows written since the mark get the ids of old, processed rows.
    /// </summary>
    private async Task RenumberBelowAsync(long mark)
    {
        await using var db = portal.CreateDbContext();
        var late = await db.DictionaryOutbox.Where(e => e.Id > mark).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var free = await db.DictionaryOutbox.Where(e => e.Id <= mark && e.ProcessedAt != null).OrderBy(e => e.Id).Select(e => e.Id).Take(late.Count).ToListAsync();
        Assert.True(late.Count > 0 && free.Count == late.Count, $"{late.Count} rows to move, {free.Count} ids free");
        foreach (var (from, to) in late.Zip(free))
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM DictionaryOutbox WHERE Id = {to}");
            await db.Database.ExecuteSqlAsync($"UPDATE DictionaryOutbox SET Id = {to} WHERE Id = {from}");
        }
    }

    private async Task<Guid> SeededQuantumIdAsync(string domain, string slug)
    {
        await using var db = portal.CreateDbContext();
        return await db.Quanta.Where(q => q.Domain!.Slug == domain && q.Slug == slug).Select(q => q.Id).SingleAsync();
    }

    private async Task<Guid> NewRebuildAsync()
    {
        await using var db = portal.CreateDbContext();
        var rebuild = new DictionaryRebuild { RequestedAt = TimeProvider.System.GetUtcNow(), RequestedBy = "test" };
        db.DictionaryRebuilds.Add(rebuild);
        await db.SaveChangesAsync();
        return rebuild.Id;
    }
}

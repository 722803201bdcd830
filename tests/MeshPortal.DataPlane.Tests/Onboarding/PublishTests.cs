using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

public sealed class PublishTests : IDisposable
{
    readonly Workspace _workspace = new();

    string Orders(int rows, int firstId) => _workspace.File($"orders-{firstId}.csv", Datasets.Orders(rows, defects: false, firstId: firstId));

    [Fact]
    public async Task ARerun_ReplacesThePublishedData_NeverAppends()
    {
        var first = _workspace.Request(Workspace.Csv(Orders(100, 1)), Contracts.Orders());
        await _workspace.Engine.RunAsync(first, new ProgressLog(), CancellationToken.None);
        var second = _workspace.Request(Workspace.Csv(Orders(40, 1000)), Contracts.Orders());
        await _workspace.Engine.RunAsync(second, new ProgressLog(), CancellationToken.None);
        await _workspace.Engine.RunAsync(second with { RunId = Guid.NewGuid() }, new ProgressLog(), CancellationToken.None);

        Assert.Equal(40, await _workspace.CountAsync("silver.orders"));
        Assert.Equal(40, await _workspace.CountAsync("bronze.orders"));
        Assert.Equal(1000L, Convert.ToInt64((await _workspace.QueryAsync("SELECT min(order_id) FROM silver.orders"))[0][0]));
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
        Assert.Equal(9, await _workspace.CountAsync("meta.loads"));
    }

    [Fact]
    public async Task MetaLoads_RecordsWhatTheRunPublished()
    {
        var request = _workspace.Request(Workspace.Csv(_workspace.File("orders.csv", Datasets.Orders())), Contracts.Orders(), "SELECT count(*) AS n FROM silver");
        await _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None);

        var loads = await _workspace.QueryAsync("SELECT layer, object, rows, run_id, contract_id, contract_version, source, rows_read FROM meta.loads ORDER BY layer");
        Assert.Equal(["bronze 1000", "gold 1", "quarantine 17", "silver 983"], loads.Select(l => $"{l[0]} {l[2]}"));
        Assert.All(loads, l =>
        {
            Assert.Equal("orders", l[1]);
            Assert.Equal(request.RunId, l[3]);
            Assert.Equal(["urn:test:orders", "1.2.0", "CSV file 'orders.csv'", 1000L], l[4..]);
        });
        var layers = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.All(layers, l => Assert.Equal((request.RunId, "urn:test:orders", "1.2.0"), (l.RunId, l.ContractId, l.ContractVersion)));
        Assert.All(layers, l => Assert.True(DateTimeOffset.UtcNow - l.LoadedAt < TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task OtherConnections_SeeThePreviousTablesUntilTheCommit_AndTheNewOnesAfter()
    {
        var first = _workspace.Request(Workspace.Csv(Orders(100, 1)), Contracts.Orders());
        await _workspace.Engine.RunAsync(first, new ProgressLog(), CancellationToken.None);

        // The gold query runs inside the publish transaction, after the swap: the moment to look from outside.
        var seenDuringPublish = new List<(Layer, Guid, long)>();
        TablePage? pageDuringPublish = null;
        var log = new ProgressLog(p =>
        {
            if (p.Phase != OnboardingPhase.Gold || pageDuringPublish is not null) return;
            seenDuringPublish.AddRange(_workspace.Reader.LayersAsync(_workspace.QuantumId).GetAwaiter().GetResult().Select(l => (l.Layer, l.RunId, l.Rows)));
            pageDuringPublish = _workspace.Reader.PageAsync(_workspace.QuantumId, Layer.Silver, "orders", 1, 0, new HashSet<string>()).GetAwaiter().GetResult();
        });
        var second = _workspace.Request(Workspace.Csv(Orders(40, 1000)), Contracts.Orders(), "SELECT * FROM silver");
        await _workspace.Engine.RunAsync(second, log, CancellationToken.None);

        Assert.Equal([(Layer.Bronze, first.RunId, 100L), (Layer.Silver, first.RunId, 100L), (Layer.Quarantine, first.RunId, 0L)], seenDuringPublish);
        Assert.Equal("1", pageDuringPublish!.Rows[0][0]);
        Assert.Equal(100, pageDuringPublish.Total);
        var after = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.All(after, l => Assert.Equal(second.RunId, l.RunId));
        Assert.Equal("1000", (await _workspace.Reader.PageAsync(_workspace.QuantumId, Layer.Silver, "orders", 1, 0, new HashSet<string>())).Rows[0][0]);
    }

    [Fact]
    public async Task AFailedRun_LeavesThePublishedTablesAsTheyWere()
    {
        await _workspace.RunAsync(Workspace.Csv(Orders(100, 1)), Contracts.Orders());
        var before = await _workspace.Reader.LayersAsync(_workspace.QuantumId);

        await Assert.ThrowsAsync<DataPlaneException>(() =>
            _workspace.RunAsync(Workspace.Csv(_workspace.File("wrong.csv", "order_id,email\n1,a@b.cd\n")), Contracts.Orders()));

        var after = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.Equal(before.Select(l => (l.Layer, l.RunId, l.Rows)), after.Select(l => (l.Layer, l.RunId, l.Rows)));
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
    }

    [Fact]
    public async Task StagingTablesOfADeadRun_AreRemovedByTheNextRun()
    {
        await using (var connection = await _workspace.Storage.OpenAsync(_workspace.QuantumId))
            Workspace.Query(connection, """
                CREATE TABLE bronze._stage_0123456789abcdef0123456789abcdef AS SELECT 1 AS x;
                CREATE TABLE silver._stage_0123456789abcdef0123456789abcdef AS SELECT 1 AS x;
                CREATE TABLE quarantine._stage_fedcba9876543210fedcba9876543210 AS SELECT 1 AS x;
                """);
        await _workspace.RunAsync(Workspace.Csv(Orders(10, 1)), Contracts.Orders());
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
    }

    [Fact]
    public async Task RunsOfOneQuantum_TakeTurns()
    {
        var runs = Enumerable.Range(0, 3).Select(i => _workspace.RunAsync(Workspace.Csv(Orders(50, 1000 * (i + 1))), Contracts.Orders())).ToList();
        await Task.WhenAll(runs);
        Assert.Equal(50, await _workspace.CountAsync("silver.orders"));
        Assert.Equal(9, await _workspace.CountAsync("meta.loads"));
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
    }

    [Fact]
    public async Task Progress_GoesThroughThePhasesInOrder_WithCountsAndAFractionThatOnlyGrows()
    {
        var log = new ProgressLog();
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", Datasets.Orders())), Contracts.Orders(), "SELECT * FROM silver", log);

        Assert.Equal([OnboardingPhase.Queued, OnboardingPhase.Bronze, OnboardingPhase.Silver, OnboardingPhase.Gold, OnboardingPhase.Publishing, OnboardingPhase.Done], log.Phases);
        var fractions = log.Reports.Where(r => r.Fraction is not null).Select(r => r.Fraction!.Value).ToList();
        Assert.Equal(fractions.Order(), fractions);
        var last = log.Reports[^1];
        Assert.Equal((OnboardingPhase.Done, 1000, 983, 17, 1.0), (last.Phase, last.RowsRead, last.RowsValid, last.RowsQuarantined, last.Fraction));
        Assert.Contains(log.Reports, r => r.Phase == OnboardingPhase.Silver && r.RowsRead == 1000);
    }

    public void Dispose() => _workspace.Dispose();
}

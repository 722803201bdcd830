using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

public sealed class GoldTests : IDisposable
{
    readonly Workspace _workspace = new(userSqlTimeout: TimeSpan.FromSeconds(1));

    Task<OnboardingResult> RunAsync(string? gold, int firstId = 1) =>
        _workspace.RunAsync(Workspace.Csv(_workspace.File($"orders-{Guid.NewGuid():N}.csv", Datasets.Orders(100, defects: false, firstId: firstId))), Contracts.Orders(), gold);

    [Theory]
    [InlineData("SELECT status, count(*) AS orders, sum(order_total) AS total FROM silver GROUP BY status ORDER BY status")]
    [InlineData("select status, count(*) as orders, sum(order_total) as total from silver.orders group by all order by 1;")]
    public async Task TheOwnersSelect_IsMaterializedAsGold(string gold)
    {
        var result = await RunAsync(gold);
        Assert.Equal(3, result.GoldRows);
        var rows = await _workspace.QueryAsync("SELECT status, orders FROM gold.orders ORDER BY status");
        Assert.Equal(["new 33", "paid 34", "shipped 33"], rows.Select(r => $"{r[0]} {r[1]}"));
        var layers = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        var goldLayer = Assert.Single(layers, l => l.Layer == Layer.Gold);
        Assert.Equal(3, goldLayer.Rows);
        Assert.Equal(["status", "orders", "total"], goldLayer.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("INSERT INTO silver.orders SELECT * FROM silver")]
    [InlineData("CREATE TABLE gold.x AS SELECT * FROM silver")]
    [InlineData("COPY (SELECT * FROM silver) TO '/tmp/leak.csv'")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other")]
    [InlineData("SELECT * FROM silver; DROP TABLE silver.orders")]
    [InlineData("SELECT * FROM bronze.orders")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    public async Task AGoldQueryThatDoesMoreThanReadSilver_IsRefusedBeforeAnythingIsLoaded(string gold)
    {
        await RunAsync(null);
        var before = await _workspace.Reader.LayersAsync(_workspace.QuantumId);

        var e = await Assert.ThrowsAsync<DataPlaneException>(() => RunAsync(gold, firstId: 500));
        Assert.StartsWith("The gold query", e.Message);

        var after = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.Equal(before.Select(l => (l.Layer, l.RunId, l.Rows)), after.Select(l => (l.Layer, l.RunId, l.Rows)));
        Assert.DoesNotContain(await _workspace.TablesAsync(), t => t.Contains("_stage_"));
        Assert.False(File.Exists("/tmp/leak.csv"));
    }

    [Fact]
    public async Task AGoldQueryPastTheTimeLimit_FailsTheRun_AndPublishesNothing()
    {
        await RunAsync(null);
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<DataPlaneException>(() =>
            RunAsync("SELECT a.order_id, count(*) AS n FROM silver a, silver b, silver c, range(1000) d GROUP BY a.order_id", firstId: 500));
        Assert.StartsWith("The gold query ran longer than 1 s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the gold query was not interrupted in time");

        var layers = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        Assert.Equal([Layer.Bronze, Layer.Silver, Layer.Quarantine], layers.Select(l => l.Layer));
        Assert.Equal(1L, Convert.ToInt64((await _workspace.QueryAsync("SELECT min(order_id) FROM silver.orders"))[0][0]));
        Assert.DoesNotContain(await _workspace.TablesAsync(), t => t.Contains("_stage_"));
    }

    [Fact]
    public async Task AGoldQueryThatFails_SaysWhy()
    {
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => RunAsync("SELECT no_such_column FROM silver"));
        Assert.StartsWith("The gold query failed:", e.Message);
        Assert.Contains("no_such_column", e.Message);
        Assert.Empty(await _workspace.Reader.LayersAsync(_workspace.QuantumId));
    }

    [Fact]
    public async Task ARunWithoutGold_RemovesTheGoldOfTheRunBefore()
    {
        await RunAsync("SELECT count(*) AS n FROM silver");
        Assert.Contains(await _workspace.Reader.LayersAsync(_workspace.QuantumId), l => l.Layer == Layer.Gold);
        await RunAsync(null, firstId: 500);
        Assert.DoesNotContain(await _workspace.Reader.LayersAsync(_workspace.QuantumId), l => l.Layer == Layer.Gold);
        Assert.DoesNotContain("gold.orders", await _workspace.TablesAsync());
    }

    public void Dispose() => _workspace.Dispose();
}

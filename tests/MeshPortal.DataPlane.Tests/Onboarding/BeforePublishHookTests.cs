using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Quality;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Support;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Tests.Onboarding;

/// <summary>
/// <see cref="OnboardingRequest.BeforePublish"/>: called with the new data under staging names before anything is published
/// (gold built from the new silver when there is a gold query); a reason refuses the publish and leaves the published data
/// as it was, null publishes.
/// </summary>
public sealed class BeforePublishHookTests : IDisposable
{
    readonly Workspace _workspace = new();

    // The contract the hook checks in the last tests: at least 50 orders (severity error).
    static readonly ContractObject OrdersWithRowCount = Contracts.Orders() with
    {
        Quality = [new QualityRule("rowCount", "library", "rowCount", null, null, "mustBeGreaterOrEqualTo", JsonValue.Create(50), "rows", "error", "completeness", null, null, null)],
    };

    FileSource Orders(int rows, int firstId) => Workspace.Csv(_workspace.File($"orders-{firstId}.csv", Datasets.Orders(rows, defects: false, firstId: firstId)));

    OnboardingRequest Request(FileSource source, string? gold, Func<DuckDBConnection, Func<string, string?>, CancellationToken, Task<string?>> hook,
        ContractObject? orders = null) =>
        _workspace.Request(source, orders ?? Contracts.Orders(), gold) with { BeforePublish = hook };

    async Task PublishFirstAsync(string? gold = null) =>
        await _workspace.Engine.RunAsync(_workspace.Request(Orders(100, 1), Contracts.Orders(), gold), new ProgressLog(), CancellationToken.None);

    [Fact]
    public async Task TheHook_SeesTheNewSilverUnderItsStagingName_WhileThePreviousDataIsStillPublished()
    {
        await PublishFirstAsync();
        var seen = new List<string?>();
        long stagedRows = 0, publishedRows = 0;
        var request = Request(Orders(40, 1000), null, async (connection, tableOf, _) =>
        {
            seen.AddRange([tableOf("orders"), tableOf("ORDERS"), tableOf("customers")]);
            stagedRows = Convert.ToInt64(Workspace.Query(connection, $"SELECT count(*) FROM {tableOf("orders")}")[0][0]);
            publishedRows = Convert.ToInt64(Workspace.Query(connection, "SELECT count(*) FROM silver.orders")[0][0]);
            await Task.Yield();
            return null;
        });

        var result = await _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None);

        var staging = $"silver.{OnboardingRunner.StagePrefix}{request.RunId:N}";
        Assert.Equal([staging, staging, null], seen);
        Assert.Equal((40L, 100L), (stagedRows, publishedRows));
        Assert.Equal(40, result.RowsValid);
        Assert.Equal(40, await _workspace.CountAsync("silver.orders"));
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
    }

    [Fact]
    public async Task ARefusal_FailsTheRunWithItsReason_AndLeavesThePublishedDataAsItWas()
    {
        await PublishFirstAsync("SELECT status, count(*) AS n FROM silver GROUP BY status");
        var before = await _workspace.Reader.LayersAsync(_workspace.QuantumId);
        var request = Request(Orders(40, 1000), "SELECT status, count(*) AS n FROM silver GROUP BY status", (_, _, _) => Task.FromResult<string?>("Not published: rowCount is 40."));

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None));

        Assert.Equal("Not published: rowCount is 40.", error.Message);
        Assert.Equal(100, await _workspace.CountAsync("silver.orders"));
        Assert.Equal(1L, Convert.ToInt64((await _workspace.QueryAsync("SELECT min(order_id) FROM silver.orders"))[0][0]));
        Assert.Equal(100L, Convert.ToInt64((await _workspace.QueryAsync("SELECT CAST(sum(n) AS BIGINT) FROM gold.orders"))[0][0]));
        // No staging or set-aside table is left, and meta.loads still describes the previous run.
        Assert.Equal(["bronze.orders", "gold.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
        Assert.Equal(before.Select(l => (l.Layer, l.RunId, l.Rows)), (await _workspace.Reader.LayersAsync(_workspace.QuantumId)).Select(l => (l.Layer, l.RunId, l.Rows)));
    }

    [Theory]
    [InlineData("SELECT status, count(*) AS n FROM silver GROUP BY status")]
    [InlineData("SELECT status, count(*) AS n FROM silver.\"orders\" GROUP BY status")]
    public async Task WithAGoldQuery_TheHookSeesGoldBuiltFromTheNewSilver_AndThatGoldIsWhatIsPublished(string gold)
    {
        await PublishFirstAsync(gold);
        string? table = null;
        long stagedTotal = 0, publishedTotal = 0;
        var request = Request(Orders(40, 1000), gold, (connection, tableOf, _) =>
        {
            table = tableOf("orders");
            stagedTotal = Convert.ToInt64(Workspace.Query(connection, $"SELECT CAST(sum(n) AS BIGINT) FROM {table}")[0][0]);
            publishedTotal = Convert.ToInt64(Workspace.Query(connection, "SELECT CAST(sum(n) AS BIGINT) FROM gold.orders")[0][0]);
            return Task.FromResult<string?>(null);
        });

        var result = await _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None);

        Assert.Equal($"gold.{OnboardingRunner.StagePrefix}{request.RunId:N}", table);
        Assert.Equal((40L, 100L), (stagedTotal, publishedTotal));
        Assert.Equal(3, result.GoldRows);
        Assert.Equal(40L, Convert.ToInt64((await _workspace.QueryAsync("SELECT CAST(sum(n) AS BIGINT) FROM gold.orders"))[0][0]));
        Assert.Equal(["bronze.orders", "gold.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
        Assert.All(await _workspace.Reader.LayersAsync(_workspace.QuantumId), l => Assert.Equal(request.RunId, l.RunId));
    }

    [Fact]
    public async Task TheQualityEngine_RunOnTheStagedData_RefusesAnErrorRule_AndPassesWhenItHolds()
    {
        await PublishFirstAsync();
        var engine = new QualityEngine(_workspace.Options);
        var measured = new List<double?>();
        Func<DuckDBConnection, Func<string, string?>, CancellationToken, Task<string?>> gate = async (connection, tableOf, ct) =>
        {
            var results = await engine.RunAsync(connection, Contracts.Contract(OrdersWithRowCount), tableOf, ct);
            var rowCount = results.Single(r => r.Metric == "rowCount");
            measured.Add(rowCount.Value);
            return rowCount.Status == RuleStatus.Failed ? $"rowCount is {rowCount.Value}" : null;
        };

        var refused = await Assert.ThrowsAsync<DataPlaneException>(() =>
            _workspace.Engine.RunAsync(Request(Orders(40, 1000), null, gate, OrdersWithRowCount), new ProgressLog(), CancellationToken.None));
        var silverAfterRefusal = await _workspace.CountAsync("silver.orders");
        await _workspace.Engine.RunAsync(Request(Orders(60, 2000), null, gate, OrdersWithRowCount), new ProgressLog(), CancellationToken.None);

        Assert.Equal("rowCount is 40", refused.Message);
        Assert.Equal([40.0, 60.0], measured);
        Assert.Equal(100, silverAfterRefusal);
        Assert.Equal(60, await _workspace.CountAsync("silver.orders"));
    }

    [Fact]
    public async Task AFailingGoldQuery_FailsBeforeTheHookIsCalled_AndLeavesNothingBehind()
    {
        await PublishFirstAsync();
        var called = false;
        var request = Request(Orders(40, 1000), "SELECT CAST(customer AS INTEGER) AS n FROM silver", (_, _, _) =>
        {
            called = true;
            return Task.FromResult<string?>(null);
        });

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None));

        Assert.StartsWith("The gold query failed", error.Message);
        Assert.False(called);
        Assert.Equal(100, await _workspace.CountAsync("silver.orders"));
        Assert.Equal(["bronze.orders", "quarantine.orders", "silver.orders"], await _workspace.TablesAsync());
    }

    public void Dispose() => _workspace.Dispose();
}

using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Storage;

public sealed class QuantumStorageTests : IDisposable
{
    readonly Workspace _workspace = new();

    [Fact]
    public async Task FirstOpen_CreatesTheLayerSchemasAndMetaLoads()
    {
        Assert.False(_workspace.Storage.Exists(_workspace.QuantumId));
        var schemas = (await _workspace.QueryAsync("SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() ORDER BY 1"))
            .Select(r => (string)r[0]!).ToList();
        Assert.Superset(new HashSet<string>(["bronze", "silver", "quarantine", "gold", "meta"]), schemas.ToHashSet());
        var columns = (await _workspace.QueryAsync("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'meta' AND table_name = 'loads' ORDER BY column_index"))
            .Select(r => (string)r[0]!).ToList();
        Assert.Equal(["layer", "object", "rows", "run_id", "loaded_at", "contract_id", "contract_version", "source", "rows_read", "duration_ms"], columns);
        Assert.True(_workspace.Storage.Exists(_workspace.QuantumId));
    }

    [Fact]
    public async Task ConnectionsToOneQuantum_ShareOneDatabaseInstance_AndSeeEachOthersCommits()
    {
        await using var writer = await _workspace.Storage.OpenAsync(_workspace.QuantumId);
        await using var reader = await _workspace.Storage.OpenAsync(_workspace.QuantumId);
        Workspace.Query(writer, "CREATE TABLE silver.t AS SELECT 1 AS v");
        Assert.Equal(1, Convert.ToInt32(Workspace.Query(reader, "SELECT v FROM silver.t")[0][0]));

        // Uncommitted work stays invisible to the other connection, committed work is seen at once.
        Workspace.Query(writer, "BEGIN TRANSACTION; UPDATE silver.t SET v = 2");
        Assert.Equal(1, Convert.ToInt32(Workspace.Query(reader, "SELECT v FROM silver.t")[0][0]));
        Workspace.Query(writer, "COMMIT");
        Assert.Equal(2, Convert.ToInt32(Workspace.Query(reader, "SELECT v FROM silver.t")[0][0]));
    }

    [Fact]
    public async Task ReadersRunWhileAWriterWrites()
    {
        await using (var setup = await _workspace.Storage.OpenAsync(_workspace.QuantumId))
            Workspace.Query(setup, "CREATE TABLE silver.t AS SELECT range AS v FROM range(1000)");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            await using var connection = await _workspace.Storage.OpenAsync(_workspace.QuantumId);
            for (var i = 0; i < 20; i++) Workspace.Query(connection, "INSERT INTO silver.t SELECT range FROM range(1000)");
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var connection = await _workspace.Storage.OpenAsync(_workspace.QuantumId);
            var counts = new List<long>();
            while (!writer.IsCompleted) counts.Add(Convert.ToInt64(Workspace.Query(connection, "SELECT count(*) FROM silver.t")[0][0]));
            return counts;
        })).ToList();
        await writer;
        foreach (var counts in await Task.WhenAll(readers))
            Assert.All(counts, c => Assert.True(c % 1000 == 0 && c is >= 1000 and <= 21000, $"saw {c} rows: a write was seen half done"));
        Assert.Equal(21000, await _workspace.CountAsync("silver.t"));
    }

    [Fact]
    public async Task OnboardingConnections_GetTheMemoryLimitThreadsAndATempDirectoryInTheQuantumFolder()
    {
        await using var connection = await _workspace.Storage.OpenForOnboardingAsync(_workspace.QuantumId);
        var settings = Workspace.Query(connection,
            "SELECT current_setting('memory_limit'), current_setting('threads'), current_setting('temp_directory'), current_setting('preserve_insertion_order')")[0];
        Assert.Equal("488.2 MiB", settings[0]); // 512MB as DuckDB shows it
        Assert.Equal(2L, Convert.ToInt64(settings[1]));
        Assert.Equal(_workspace.Storage.TempDirectory(_workspace.QuantumId), settings[2]);
        Assert.StartsWith(Path.GetDirectoryName(_workspace.Storage.DatabasePath(_workspace.QuantumId))!, (string)settings[2]!);
        Assert.Equal(true, settings[3]);
    }

    [Fact]
    public async Task Delete_RemovesTheQuantumsFolder_AndANewOpenStartsAfresh()
    {
        await using (var connection = await _workspace.Storage.OpenAsync(_workspace.QuantumId))
            Workspace.Query(connection, "CREATE TABLE silver.t AS SELECT 1 AS v");
        _workspace.Storage.Delete(_workspace.QuantumId);
        Assert.False(_workspace.Storage.Exists(_workspace.QuantumId));
        Assert.Equal(0, await _workspace.CountAsync("meta.loads"));
        Assert.Empty(await _workspace.TablesAsync());
    }

    public void Dispose() => _workspace.Dispose();
}

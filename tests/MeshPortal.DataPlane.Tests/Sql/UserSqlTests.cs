using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sql;

public sealed class UserSqlTests : IAsyncLifetime
{
    static readonly UserSqlScope Gold = new("the gold query", ["silver", "silver.*"]);
    readonly Workspace _workspace = new();
    DuckDBConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _connection = await _workspace.Storage.OpenAsync(_workspace.QuantumId);
        Workspace.Query(_connection, "CREATE TABLE silver.orders AS SELECT i AS id, i * 2 AS total FROM range(10) t(i); CREATE TABLE bronze.orders AS SELECT 1 AS id");
    }

    [Theory]
    [InlineData("SELECT * FROM silver")]
    [InlineData("select id, total from silver where total > 4;")]
    [InlineData("SELECT * FROM silver.orders")]
    [InlineData("WITH big AS (SELECT * FROM silver WHERE total > 4) SELECT count(*) FROM big")]
    [InlineData("FROM silver SELECT id")]
    [InlineData("SELECT s.id, r.range FROM silver s, range(3) r")]
    [InlineData("SELECT 1 AS one -- a comment at the end")]
    [InlineData("(SELECT id FROM silver) UNION ALL (SELECT id FROM silver)")]
    [InlineData("SELECT * FROM silver WHERE id IN (SELECT id FROM silver.orders)")]
    public async Task ASingleSelectOverSilver_IsAccepted(string sql)
    {
        var checkedSql = await UserSql.EnsureSingleSelectAsync(_connection, sql, Gold);
        Assert.False(checkedSql.EndsWith(';'));
    }

    [Theory]
    [InlineData("INSERT INTO silver.orders VALUES (1, 2)", "starts with INSERT")]
    [InlineData("CREATE TABLE x AS SELECT 1", "starts with CREATE")]
    [InlineData("COPY silver.orders TO '/tmp/out.csv'", "starts with COPY")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other", "starts with ATTACH")]
    [InlineData("DELETE FROM silver.orders", "starts with DELETE")]
    [InlineData("PRAGMA version", "starts with PRAGMA")]
    [InlineData("SET memory_limit = '10GB'", "starts with SET")]
    [InlineData("SELECT 1; DROP TABLE silver.orders", "another statement")]
    [InlineData("SELECT 1; SELECT 2", "2 statements")]
    [InlineData("", "is empty")]
    [InlineData("  ;  ", "is empty")]
    [InlineData("SELEC * FROM silver", "not valid SQL")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "read_csv()")]
    [InlineData("SELECT * FROM '/etc/passwd'", "names a file")]
    [InlineData("SELECT * FROM 'data.csv'", "names a file")]
    [InlineData("SELECT * FROM bronze.orders", "reads 'bronze.orders'")]
    [InlineData("SELECT * FROM meta.loads", "reads 'meta.loads'")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings()")]
    [InlineData("SELECT * FROM query('DROP TABLE silver.orders')", "query()")]
    [InlineData("SELECT * FROM other.main.t", "reads 'other.main.t'")]
    public async Task AnythingElse_IsRefusedWithTheReason(string sql, string reason)
    {
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => UserSql.EnsureSingleSelectAsync(_connection, sql, Gold));
        Assert.Contains(reason, e.Message);
        Assert.StartsWith("The gold query", e.Message);
        // Nothing ran: the table is still there, unchanged.
        Assert.Equal(10L, Convert.ToInt64(Workspace.Query(_connection, "SELECT count(*) FROM silver.orders")[0][0]));
    }

    [Fact]
    public async Task WithoutADatabase_TheCheckGivesTheProblemOrNull()
    {
        Assert.Null(await UserSql.ProblemAsync("SELECT * FROM silver", UserSqlScope.Gold));
        Assert.StartsWith("The gold query must be a single SELECT", await UserSql.ProblemAsync("DROP TABLE silver.orders", UserSqlScope.Gold));
    }

    [Fact]
    public async Task WithoutAScope_AnyTableMayBeRead_ButNoFile()
    {
        await UserSql.EnsureSingleSelectAsync(_connection, "SELECT * FROM bronze.orders JOIN silver.orders USING (id)");
        await Assert.ThrowsAsync<DataPlaneException>(() => UserSql.EnsureSingleSelectAsync(_connection, "SELECT * FROM 'x.parquet'"));
    }

    [Fact]
    public async Task AQueryPastItsTimeLimit_IsInterrupted_WithAMessageNamingTheLimit()
    {
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => UserSql.RunWithTimeoutAsync(_connection,
            "SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = 7", c => c.ExecuteScalar(), TimeSpan.FromSeconds(1), "the gold query"));
        Assert.StartsWith("The gold query ran longer than 1 s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the query was not interrupted");
        // The connection is usable afterwards.
        Assert.Equal(10L, Convert.ToInt64(Workspace.Query(_connection, "SELECT count(*) FROM silver.orders")[0][0]));
    }

    [Fact]
    public async Task CancellingTheCaller_InterruptsTheQuery_WithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UserSql.RunWithTimeoutAsync(_connection,
            "SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = 7", c => c.ExecuteScalar(), TimeSpan.FromMinutes(5), "the gold query", cancel.Token));
    }

    [Fact]
    public async Task AFailingQuery_SaysWhatDuckDbFound()
    {
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => UserSql.RunWithTimeoutAsync(_connection, "SELECT nope FROM silver.orders",
            c => c.ExecuteScalar(), TimeSpan.FromSeconds(10), "the gold query"));
        Assert.StartsWith("The gold query failed:", e.Message);
        Assert.Contains("nope", e.Message);
        Assert.DoesNotContain("LINE 1", e.Message);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        _workspace.Dispose();
    }
}

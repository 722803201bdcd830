using System.Diagnostics;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Infrastructure;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>A real PostgreSQL (MESHPORTAL_TEST_POSTGRES; skipped without it) read into an in-memory DuckDB.</summary>
public sealed class RelationalPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    const string WrongPassword = "Wr0ng-S3cret-Pa55word";

    readonly DuckDBConnection duck = Open();
    readonly RelationalSourceReader reader = new(new DataPlaneOptions { UserSqlTimeout = TimeSpan.FromSeconds(30) });

    static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    public void Dispose() => duck.Dispose();

    RelationalSource Source(string tableOrQuery, string? connection = null) =>
        new(RelationalKind.PostgreSql, connection ?? postgres.ConnectionString, tableOrQuery);

    Task<long> Load(RelationalSource source, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        reader.LoadAsync(duck, "staged", source, progress ?? new ProgressRecorder(), cancellationToken);

    [PostgresFact]
    public async Task Types_RoundTripToInvariantText()
    {
        var rows = await Load(Source("public.orders"));

        Assert.Equal(2, rows);
        var table = StagedTable.Read(duck, "staged", orderBy: "id::INTEGER");
        Assert.Equal(["id", "customer", "amount", "quantity", "ratio", "paid", "ordered_on", "created_at", "updated_at", "pickup",
            "payload", "ref", "tags", "huge", "note"], table.Columns);
        StagedTable.AssertRow(["1", "Ada", "12.50", "3", "0.1", "true", "2024-03-01", "2024-03-01T10:11:12.5", "2024-03-01T08:11:12Z", "08:30:00",
            "01ff", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "[\"a\",\"b c\"]", "123456789012345678901234567890.5", "café; 'quoted'"], table.Rows[0]);
        StagedTable.AssertRow(["2", null, null, null, null, "false", null, null, null, null, null, null, null, null, null], table.Rows[1]);
    }

    [PostgresFact]
    public async Task Query_IsRun_WithItsColumnNames()
    {
        var rows = await Load(Source("""
            WITH paid AS (SELECT * FROM orders WHERE paid)
            SELECT id AS order_id, amount * 2 AS doubled, 'NaN'::numeric AS not_a_number, interval '1 day 2 hours' AS took
            FROM paid; -- trailing comment
            """));

        Assert.Equal(1, rows);
        var table = StagedTable.Read(duck, "staged");
        Assert.Equal(["order_id", "doubled", "not_a_number", "took"], table.Columns);
        StagedTable.AssertRow(["1", "25.00", "NaN", "P1DT2H"], table.Rows[0]);
    }

    [PostgresFact]
    public async Task TableNames_FoldLikePostgres_UnlessQuoted()
    {
        await Load(Source("PUBLIC.Many"));
        Assert.Equal(25000L, StagedTable.Count(duck, "staged"));

        using var other = Open();
        await reader.LoadAsync(other, "staged", Source("\"Mixed Case\""), new ProgressRecorder(), CancellationToken.None);
        var table = StagedTable.Read(other, "staged");
        Assert.Equal(["Id", "Name"], table.Columns);
        StagedTable.AssertRow(["7", "seven"], table.Rows[0]);
    }

    [PostgresFact]
    public async Task Progress_IsReportedEvery10000Rows()
    {
        var progress = new ProgressRecorder();

        Assert.Equal(25000, await Load(Source("many"), progress));

        Assert.Equal([10000L, 20000L, 25000L], progress.Reports);
    }

    [PostgresFact]
    public async Task WritingQueries_AreRefused_AndNothingIsWritten()
    {
        var guard = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone")));
        Assert.Contains("contains DELETE", guard.Message);
        var into = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("SELECT * INTO copy_of_orders FROM orders")));
        Assert.Contains("contains INTO", into.Message);

        // A write the statement check cannot see (inside a function) is stopped by the read-only transaction.
        var hidden = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("SELECT sneaky_write() AS n")));
        Assert.StartsWith("The query tried to change the PostgreSQL source, which the portal only reads", hidden.Message);

        Assert.Equal(2L, await postgres.ScalarAsync<long>("SELECT count(*) FROM orders"));
        Assert.Equal(0L, await postgres.ScalarAsync<long>("SELECT count(*) FROM audit"));
        Assert.Equal(0L, await postgres.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'copy_of_orders'"));
    }

    [PostgresFact]
    public async Task MissingTable_IsNamed()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("public.orderz")));

        Assert.StartsWith("Table public.orderz does not exist in the PostgreSQL source", error.Message);
        Assert.False(StagedTable.Exists(duck, "staged"));
    }

    [PostgresFact]
    public async Task SyntaxError_IsReported_WithWhere()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("SELECT * FORM orders")));

        Assert.Equal("The query has a syntax error: syntax error at or near \"FORM\" (at character 10).", error.Message);
    }

    [PostgresFact]
    public async Task PermissionDenied_IsReported()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            Load(Source("secret", postgres.As(postgres.ReaderRole, PostgresFixture.ReaderPassword))));

        Assert.StartsWith("Permission denied on the PostgreSQL source", error.Message);
        Assert.Contains("secret", error.Message);
        Assert.DoesNotContain(PostgresFixture.ReaderPassword, error.ToString());
    }

    [PostgresFact]
    public async Task WrongPassword_FailsAuthentication_WithoutShowingIt()
    {
        var connection = postgres.As(postgres.PasswordRole, WrongPassword);

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("orders", connection)));

        Assert.StartsWith($"Authentication failed on the PostgreSQL source {postgres.PasswordRole}@", error.Message);
        Assert.Contains("the password is wrong", error.Message);
        AssertNoSecret(error, connection, WrongPassword);
    }

    [PostgresFact]
    public async Task RightPassword_IsAccepted()
    {
        await postgres.ExecuteAsync($"GRANT SELECT ON many TO {postgres.PasswordRole}");

        Assert.Equal(25000, await Load(Source("many", postgres.As(postgres.PasswordRole, PostgresFixture.RightPassword))));
    }

    [PostgresFact]
    public async Task UnknownUser_FailsAuthentication()
    {
        var connection = postgres.As("nobody_" + Guid.NewGuid().ToString("N")[..8], WrongPassword);

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("orders", connection)));

        Assert.StartsWith("Authentication failed on the PostgreSQL source", error.Message);
        AssertNoSecret(error, connection, WrongPassword);
    }

    [PostgresFact]
    public async Task MissingDatabase_IsReported()
    {
        var connection = postgres.As(null, WrongPassword, database: "nowhere_" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => Load(Source("orders", connection)));

        Assert.StartsWith("The database does not exist on the PostgreSQL server", error.Message);
        Assert.Contains("nowhere_", error.Message);
        AssertNoSecret(error, connection, WrongPassword);
    }

    [PostgresFact]
    public async Task Cancellation_StopsARunningQuery()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Load(Source("SELECT pg_sleep(30) AS slept"), cancellationToken: cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {clock.Elapsed}");
    }

    [PostgresFact]
    public async Task Cancellation_StopsTheCopyBetweenRows()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new ProgressRecorder(rows => { if (rows >= 10000) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Load(Source("many"), progress, cancel.Token));

        Assert.Equal([10000L], progress.Reports);
    }

    [PostgresFact]
    public async Task SlowQuery_StopsAtTheTimeLimit()
    {
        var quick = new RelationalSourceReader(new DataPlaneOptions { UserSqlTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            quick.LoadAsync(duck, "staged", Source("SELECT pg_sleep(20) AS slept"), new ProgressRecorder(), CancellationToken.None));

        Assert.StartsWith("The PostgreSQL source took longer than the time limit of 1 s", error.Message);
    }

    [PostgresFact]
    public async Task Tester_ChecksTableAndQuery_WithoutReadingRows()
    {
        var tester = new SourceConnectionTester(new DataPlaneOptions());
        var location = RelationalConnection.Describe(RelationalKind.PostgreSql, postgres.ConnectionString);

        var table = await tester.TestAsync(Source("many"), CancellationToken.None);
        var query = await tester.TestAsync(Source("SELECT id, customer FROM orders WHERE paid"), CancellationToken.None);
        var slow = await tester.TestAsync(Source("SELECT pg_sleep(60) AS slept"), CancellationToken.None);
        var missing = await tester.TestAsync(Source("orderz"), CancellationToken.None);
        var denied = await tester.TestAsync(Source("secret", postgres.As(postgres.ReaderRole, PostgresFixture.ReaderPassword)), CancellationToken.None);
        var wrong = await tester.TestAsync(Source("orders", postgres.As(postgres.PasswordRole, WrongPassword)), CancellationToken.None);

        Assert.Equal((true, $"Connected to {location}: table many has 2 columns (id, label)."), table);
        Assert.Equal((true, $"Connected to {location}: the query has 2 columns (id, customer)."), query);
        Assert.Equal((true, $"Connected to {location}: the query has 1 column (slept)."), slow);
        Assert.Equal((false, $"Table orderz does not exist in the PostgreSQL source {location}."), missing);
        Assert.False(denied.Ok);
        Assert.StartsWith("Permission denied", denied.Message);
        Assert.False(wrong.Ok);
        Assert.StartsWith("Authentication failed", wrong.Message);
        Assert.DoesNotContain(WrongPassword, wrong.Message);
    }

    static void AssertNoSecret(Exception error, string connectionString, string password)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(password, e.Message);
            Assert.DoesNotContain(connectionString, e.Message);
        }
        Assert.DoesNotContain(password, error.ToString());
    }
}

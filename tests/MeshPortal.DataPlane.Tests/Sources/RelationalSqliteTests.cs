using System.Security.Cryptography;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;
using Microsoft.Data.Sqlite;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>A real SQLite file under a temporary allowed root, copied into an in-memory DuckDB by the relational reader.</summary>
public sealed class RelationalSqliteTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("meshportal-sqlite-").FullName;
    readonly string file;
    readonly DuckDBConnection duck = new("Data Source=:memory:");
    readonly RelationalSourceReader reader;

    public RelationalSqliteTests()
    {
        file = Path.Combine(root, "shop.db");
        using (var sqlite = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = """
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, amount REAL, paid BOOLEAN, ordered_on DATE, payload BLOB, note TEXT);
                INSERT INTO orders VALUES (1, 'Ada', 12.5, 1, '2024-03-01', x'01ff', 'café; DELETE');
                INSERT INTO orders VALUES (2, NULL, NULL, 0, NULL, NULL, NULL);
                CREATE TABLE "Order Lines" (id INTEGER, "order id" INTEGER);
                INSERT INTO "Order Lines" VALUES (10, 1);
                CREATE TABLE many (id INTEGER, label TEXT);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) INSERT INTO many SELECT i, 'row ' || i FROM n;
                """;
            command.ExecuteNonQuery();
        }
        duck.Open();
        reader = new RelationalSourceReader(new DataPlaneOptions { AllowedFileRoot = root, UserSqlTimeout = TimeSpan.FromSeconds(30) });
    }

    public void Dispose()
    {
        duck.Dispose();
        Directory.Delete(root, recursive: true);
    }

    RelationalSource Source(string tableOrQuery, string? connection = null) =>
        new(RelationalKind.Sqlite, connection ?? $"Data Source={file}", tableOrQuery);

    [Fact]
    public async Task Table_IsCopiedAsText_WithNullsKept()
    {
        var progress = new ProgressRecorder();

        var rows = await reader.LoadAsync(duck, "staged", Source("orders"), progress, CancellationToken.None);

        Assert.Equal(2, rows);
        var table = StagedTable.Read(duck, "staged");
        Assert.Equal(["id", "customer", "amount", "paid", "ordered_on", "payload", "note"], table.Columns);
        Assert.All(table.Types, t => Assert.Equal("VARCHAR", t, ignoreCase: true));
        StagedTable.AssertRow(["1", "Ada", "12.5", "true", "2024-03-01", "01ff", "café; DELETE"], table.Rows[0]);
        StagedTable.AssertRow(["2", null, null, "false", null, null, null], table.Rows[1]);
        Assert.Equal([2L], progress.Reports);
    }

    [Fact]
    public async Task Query_IsRun_AndDuplicateColumnNamesAreMadeUnique()
    {
        var rows = await reader.LoadAsync(duck, "main.staged",
            Source("-- the paid ones\nSELECT id, id, customer AS \"Who\", amount * 2 FROM orders WHERE paid;"), new ProgressRecorder(), CancellationToken.None);

        Assert.Equal(1, rows);
        var table = StagedTable.Read(duck, "staged");
        Assert.Equal(["id", "id_2", "Who", "amount * 2"], table.Columns);
        StagedTable.AssertRow(["1", "1", "Ada", "25"], table.Rows[0]);
    }

    [Fact]
    public async Task QuotedAndSpacedTableNames_AreRead()
    {
        await reader.LoadAsync(duck, "staged", Source("\"Order Lines\""), new ProgressRecorder(), CancellationToken.None);

        var table = StagedTable.Read(duck, "staged");
        Assert.Equal(["id", "order id"], table.Columns);
        StagedTable.AssertRow(["10", "1"], table.Rows[0]);
    }

    [Fact]
    public async Task Progress_IsReportedEvery10000Rows_AndAtTheEnd()
    {
        var progress = new ProgressRecorder();

        var rows = await reader.LoadAsync(duck, "staged", Source("many"), progress, CancellationToken.None);

        Assert.Equal(25000, rows);
        Assert.Equal([10000L, 20000L, 25000L], progress.Reports);
        Assert.Equal(25000L, StagedTable.Count(duck, "staged"));
    }

    [Fact]
    public async Task Cancellation_StopsTheCopy()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new ProgressRecorder(rows => { if (rows >= 10000) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            reader.LoadAsync(duck, "staged", Source("many"), progress, cancel.Token));

        Assert.Equal([10000L], progress.Reports);
    }

    [Theory]
    [InlineData("DELETE FROM orders", "DELETE statements are refused")]
    [InlineData("SELECT * FROM orders; DELETE FROM orders", "must be a single statement")]
    [InlineData("WITH x AS (SELECT 1) INSERT INTO orders (id) SELECT 3 FROM x", "contains INSERT")]
    [InlineData("ATTACH DATABASE 'other.db' AS other", "ATTACH statements are refused")]
    [InlineData("PRAGMA writable_schema = 1", "PRAGMA statements are refused")]
    public async Task QueryThatWrites_IsRefused_AndTheFileIsUnchanged(string query, string reason)
    {
        var before = Hash();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", Source(query), new ProgressRecorder(), CancellationToken.None));

        Assert.Contains(reason, error.Message);
        Assert.Equal(before, Hash());
        Assert.False(StagedTable.Exists(duck, "staged"));
    }

    [Fact]
    public async Task ConnectionIsReadOnly_EvenForAStatementThePortalWouldNotSend()
    {
        var before = Hash();
        await using var connection = RelationalConnection.Create(RelationalKind.Sqlite, $"Data Source={file};Mode=ReadWriteCreate", root,
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM orders";

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(8, error.SqliteErrorCode); // SQLITE_READONLY
        Assert.Equal(before, Hash());
    }

    [Fact]
    public async Task MissingTable_IsNamed()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", Source("main.orderz"), new ProgressRecorder(), CancellationToken.None));

        Assert.StartsWith("Table main.orderz does not exist in the SQLite source", error.Message);
    }

    [Fact]
    public async Task SyntaxError_IsReported()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", Source("SELECT * FORM orders"), new ProgressRecorder(), CancellationToken.None));

        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public async Task MissingFile_IsReported()
    {
        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", Source("orders", "Data Source=nope.db"), new ProgressRecorder(), CancellationToken.None));

        Assert.Equal($"The SQLite file {Path.Combine(root, "nope.db")} does not exist.", error.Message);
        Assert.False(File.Exists(Path.Combine(root, "nope.db")));
    }

    [Fact]
    public async Task FileOutsideTheAllowedRoot_IsRefused()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.db");
        File.Copy(file, outside);
        try
        {
            var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
                reader.LoadAsync(duck, "staged", Source("orders", $"Data Source={outside}"), new ProgressRecorder(), CancellationToken.None));
            Assert.Contains("must lie under the allowed folder", error.Message);

            var link = Path.Combine(root, "link.db");
            File.CreateSymbolicLink(link, outside);
            error = await Assert.ThrowsAsync<DataPlaneException>(() =>
                reader.LoadAsync(duck, "staged", Source("orders", $"Data Source={link}"), new ProgressRecorder(), CancellationToken.None));
            Assert.Contains("must lie under the allowed folder", error.Message);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task NotADatabase_IsReported()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "notes.db"), "this is not a database, just some text that is long enough to be read");

        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", Source("orders", "Data Source=notes.db"), new ProgressRecorder(), CancellationToken.None));

        Assert.Contains("is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task Tester_DescribesTheColumns_WithoutReadingRows()
    {
        var tester = new SourceConnectionTester(new DataPlaneOptions { AllowedFileRoot = root });

        var table = await tester.TestAsync(Source("orders"), CancellationToken.None);
        var query = await tester.TestAsync(Source("WITH o AS (SELECT id, customer FROM orders) SELECT * FROM o;"), CancellationToken.None);
        var missing = await tester.TestAsync(Source("orderz"), CancellationToken.None);
        var writes = await tester.TestAsync(Source("UPDATE orders SET paid = 1"), CancellationToken.None);

        Assert.Equal((true, $"Connected to {file}: table orders has 7 columns (id, customer, amount, paid, ordered_on, payload, note)."), table);
        Assert.Equal((true, $"Connected to {file}: the query has 2 columns (id, customer)."), query);
        Assert.False(missing.Ok);
        Assert.StartsWith("Table orderz does not exist in the SQLite source", missing.Message);
        Assert.False(writes.Ok);
        Assert.Contains("UPDATE statements are refused", writes.Message);
    }

    string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}

/// <summary>Records progress reports as they happen (Progress&lt;T&gt; would post them later).</summary>
internal sealed class ProgressRecorder(Action<long>? onReport = null) : IProgress<long>
{
    public List<long> Reports { get; } = [];

    public void Report(long value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}

/// <summary>A DuckDB table read back whole, for assertions.</summary>
internal sealed record StagedTable(IReadOnlyList<string> Columns, IReadOnlyList<string> Types, IReadOnlyList<string?[]> Rows)
{
    public static StagedTable Read(DuckDBConnection connection, string table, string? orderBy = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}{(orderBy is null ? "" : " ORDER BY " + orderBy)}";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToList();
        var rows = new List<string?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return new StagedTable(columns, types, rows);
    }

    /// <summary>Compares a row cell by cell (null cells included).</summary>
    public static void AssertRow(string?[] expected, string?[] actual) => Assert.Equal<IEnumerable<string?>>(expected, actual);

    public static long Count(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public static bool Exists(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}

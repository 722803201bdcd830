using System.Diagnostics;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;
using Microsoft.Data.Sqlite;
using static MeshPortal.DataPlane.Tests.Support.Contracts;

namespace MeshPortal.DataPlane.Tests.Onboarding;

/// <summary>
/// Bronze of a file source is the kept file (linked or copied into the quantum's folder) read through a view that adds
/// the load metadata; silver reads the file once. These tests check what that must still guarantee: bronze is what the
/// run read, its row numbers are the quarantine's, and no kept file outlives the run it belongs to.
/// </summary>
public sealed class BronzeFileTests : IDisposable
{
    readonly Workspace _workspace = new();

    string BronzeDirectory => _workspace.Storage.BronzeDirectory(_workspace.QuantumId);

    /// <summary>Orders with a malformed line (line 4) before a repeated key (row 7 repeats row 1) and a bad number (row 9).</summary>
    const string Orders = """
        order_id,customer,email,status,order_total,quantity,order_date,note
        1,ada,a@example.com,new,1.50,1,2024-01-01,first
        2,ben,b@example.com,paid,2.50,1,2024-01-02,second
        3,too,few
        4,cleo,c@example.com,paid,3.50,2,2024-01-03,"with, comma"
        5,dan,d@example.com,new,4.50,1,2024-01-04,
        6,eve,e@example.com,new,5.50,1,2024-01-05,fifth
        7,fay,f@example.com,new,6.50,1,2024-01-06,sixth
        1,gus,g@example.com,new,7.50,1,2024-01-07,again
        9,hal,h@example.com,new,abc,1,2024-01-08,bad number

        """;

    [Fact]
    public async Task BronzeIsAViewOverTheKeptFile_WhoseRowNumbersAreTheQuarantines()
    {
        var source = _workspace.File("orders.csv", Orders);
        var request = _workspace.Request(Workspace.Csv(source), Contracts.Orders());
        var result = await _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None);

        Assert.Equal((9, 6, 3), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Equal(["bronze.orders"], (await _workspace.QueryAsync("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE schema_name = 'bronze'")).Select(r => (string)r[0]!));
        var kept = Assert.Single(Directory.GetFiles(BronzeDirectory));
        Assert.Equal(request.RunId.ToString("N") + ".csv", Path.GetFileName(kept));
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(kept));

        // Bronze: the 8 rows that parsed, numbered in file order, with the run's metadata.
        var bronze = await _workspace.QueryAsync("SELECT _row_number, order_id, customer, note, _run_id FROM bronze.orders");
        Assert.Equal(Enumerable.Range(1, 8).Select(n => (long)n), bronze.Select(r => Convert.ToInt64(r[0])));
        Assert.Equal(["1", "2", "4", "5", "6", "7", "1", "9"], bronze.Select(r => (string)r[1]!));
        Assert.All(bronze, r => Assert.Equal(request.RunId, (Guid)r[4]!));
        Assert.Equal("with, comma", bronze[2][3]);

        // Each quarantined row is the bronze row of the same number, as ingested (the duplicate comes from bronze, the
        // bad number from the pass), and the unparseable line keeps its line in the file.
        var quarantine = await _workspace.QueryAsync("SELECT _row_number, order_id, customer, order_total, note, _reasons, _line FROM quarantine.orders");
        Assert.Equal([7L, 8L, null], quarantine.Select(r => r[0] is null ? (long?)null : Convert.ToInt64(r[0])));
        Assert.Equal(["1", "gus", "7.50", "again", "order_id (primary key): 1 already appears in row 1"], quarantine[0][1..6]);
        Assert.Equal(["9", "hal", "abc", "bad number", "order_total: 'abc' is not a number"], quarantine[1][1..6]);
        Assert.Equal(4L, Convert.ToInt64(quarantine[2][6]));
        var mismatched = await _workspace.QueryAsync("""
            SELECT count(*) FROM quarantine.orders q JOIN bronze.orders b USING (_row_number)
            WHERE q.order_id IS DISTINCT FROM b.order_id OR q.customer IS DISTINCT FROM b.customer OR q.note IS DISTINCT FROM b.note
            """);
        Assert.Equal(0L, Convert.ToInt64(mismatched[0][0]));

        var page = await _workspace.Reader.PageAsync(_workspace.QuantumId, Layer.Bronze, "orders", 2, 1, new HashSet<string>());
        Assert.Equal(8, page.Total);
        Assert.Equal(["2", "ben"], page.Rows[0].Take(2));
    }

    /// <summary>
    /// The quarantine finds its rows in the file by the hash of their text, hashing only the rows that hold one of the
    /// quarantined rows' values of the first text property: a missing value (null) must still let its row through.
    /// </summary>
    [Fact]
    public async Task AQuarantinedRowWithoutAValueOfTheFirstTextProperty_IsFoundInTheFile()
    {
        var source = _workspace.File("orders.csv", """
            order_id,customer,email,status,order_total,quantity,order_date,note
            1,ada,a@example.com,new,1.50,1,2024-01-01,first
            2,,b@example.com,paid,2.50,1,2024-01-02,no customer
            3,cleo,c@example.com,paid,3.50,2,2024-01-03,third
            2,dan,d@example.com,new,4.50,1,2024-01-04,repeats 2
            """);

        var result = await _workspace.Engine.RunAsync(_workspace.Request(Workspace.Csv(source), Contracts.Orders()), new ProgressLog(), CancellationToken.None);

        Assert.Equal((4, 2, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var quarantine = await _workspace.QueryAsync("SELECT _row_number, customer, note, _reasons FROM quarantine.orders");
        Assert.Equal([2L, null, "no customer", "customer: missing, but required"], [Convert.ToInt64(quarantine[0][0]), .. quarantine[0][1..]]);
        Assert.Equal([4L, "dan", "repeats 2", "order_id (primary key): 2 already appears in row 2"], [Convert.ToInt64(quarantine[1][0]), .. quarantine[1][1..]]);
    }

    /// <summary>Without a text property to narrow the read, every row of the file is hashed: the same rows come back.</summary>
    [Fact]
    public async Task AContractWithoutATextProperty_StillFindsItsQuarantinedRows()
    {
        var source = _workspace.File("events.csv", "id,amount,comment\n1,1.5,a\n2,x,b\n3,2.5,c\n1,3.5,d\n");
        var contract = Object("events", Property("id", "integer", primaryKey: true), Property("amount", "number"));

        var result = await _workspace.Engine.RunAsync(_workspace.Request(Workspace.Csv(source), contract), new ProgressLog(), CancellationToken.None);

        Assert.Equal((4, 2, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var quarantine = await _workspace.QueryAsync("SELECT _row_number, id, amount, comment FROM quarantine.events");
        Assert.Equal(["2", "2", "x", "b"], quarantine[0].Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["4", "1", "3.5", "d"], quarantine[1].Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AFileUnderTheAllowedRoot_IsCopied_SoRewritingItInPlaceDoesNotChangeBronze()
    {
        var source = _workspace.File("events.csv", "id,name,amount\n1,a,1.5\n2,b,2.5\n");
        await _workspace.RunAsync(Workspace.Csv(source), Events());

        // Truncated and rewritten in place: the same file (inode) with other content, as a producer's job may do.
        await using (var stream = new FileStream(source, FileMode.Truncate, FileAccess.Write))
            await stream.WriteAsync("id,name,amount\n9,z,9.5\n"u8.ToArray());

        Assert.Equal(["1", "2"], (await _workspace.QueryAsync("SELECT id FROM bronze.events")).Select(r => (string)r[0]!));
        Assert.Equal(1, LinkCount(Assert.Single(Directory.GetFiles(BronzeDirectory))));
    }

    [Fact]
    public async Task ASourceThatChangesWhileItIsRead_FailsTheRun_AndLeavesThePublishedDataAsItWas()
    {
        var source = _workspace.File("events.csv", "id,name,amount\n1,a,1.5\n");
        await _workspace.RunAsync(Workspace.Csv(source), Events());

        // The producer appends to the file after the run took its stamp, as silver starts reading it.
        var log = new ProgressLog(p =>
        {
            if (p.Phase == OnboardingPhase.Silver && new FileInfo(source).Length < 40) File.AppendAllText(source, "2,b,2.5\n3,c,3.5\n");
        });
        var error = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.RunAsync(Workspace.Csv(source), Events(), progress: log));

        Assert.Equal("'events.csv' changed while it was being onboarded (its size or time written moved): run the onboarding again once the file is complete.", error.Message);
        Assert.Equal(["1"], (await _workspace.QueryAsync("SELECT id FROM silver.events")).Select(r => Convert.ToInt64(r[0]).ToString()));
        Assert.Single(Directory.GetFiles(BronzeDirectory));
    }

    [Fact]
    public async Task AnUpload_IsLinked_AndBronzeOutlivesTheUploadsDeletion()
    {
        Directory.CreateDirectory(_workspace.Storage.FilesDirectory(_workspace.QuantumId));
        var upload = Path.Combine(_workspace.Storage.FilesDirectory(_workspace.QuantumId), "events.csv");
        await File.WriteAllTextAsync(upload, "id,name,amount\n1,a,1.5\n2,b,2.5\n");
        await _workspace.RunAsync(Workspace.Csv(upload), Events());

        Assert.Equal(2, LinkCount(upload));
        File.Delete(upload);
        Assert.Equal(2, await _workspace.CountAsync("bronze.events"));
    }

    [Fact]
    public async Task OnlyThePublishedRunsFileIsKept_AfterARerun_AFailedRun_AndADeadRun()
    {
        var first = _workspace.File("first.csv", "id,name,amount\n1,a,1.5\n");
        await _workspace.RunAsync(Workspace.Csv(first), Events());
        var second = _workspace.Request(Workspace.Csv(_workspace.File("second.csv", "id,name,amount\n2,b,2.5\n3,c,3.5\n")), Events());
        await _workspace.Engine.RunAsync(second, new ProgressLog(), CancellationToken.None);
        Assert.Equal([second.RunId.ToString("N") + ".csv"], Directory.GetFiles(BronzeDirectory).Select(Path.GetFileName));

        // A run that fails after keeping its file (the source lacks a required column) deletes it.
        await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.RunAsync(Workspace.Csv(_workspace.File("bad.csv", "name,amount\nx,1\n")), Events()));
        Assert.Equal([second.RunId.ToString("N") + ".csv"], Directory.GetFiles(BronzeDirectory).Select(Path.GetFileName));

        // A file a dead run left (as if the process had been killed) goes with the next run.
        var dead = Path.Combine(BronzeDirectory, Guid.NewGuid().ToString("N") + ".csv");
        File.Copy(first, dead);
        var third = _workspace.Request(Workspace.Csv(first), Events());
        await _workspace.Engine.RunAsync(third, new ProgressLog(), CancellationToken.None);
        Assert.Equal([third.RunId.ToString("N") + ".csv"], Directory.GetFiles(BronzeDirectory).Select(Path.GetFileName));
        Assert.Equal(["1"], (await _workspace.QueryAsync("SELECT id FROM bronze.events")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task BronzeStillReads_WhenTheDataFolderMoves()
    {
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("events.csv", "id,name,amount\n1,a,1.5\n2,b,2.5\n")), Events());
        var moved = Path.Combine(_workspace.Root, "moved");
        Directory.Move(_workspace.Options.RootPath, moved);

        var storage = new QuantumStorage(new DataPlaneOptions { RootPath = moved });
        var page = await new QuantumDataReader(storage).PageAsync(_workspace.QuantumId, Layer.Bronze, "events", 10, 0, new HashSet<string>());
        Assert.Equal(["1", "2"], page.Rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ParquetAndJsonLines_AreKeptAsBronzeToo_WithTheirQuarantineAsIngested()
    {
        var json = _workspace.File("events.jsonl", "{\"id\": 1, \"name\": \"a\", \"amount\": 1.5}\n{\"id\": 1, \"name\": \"b\", \"amount\": \"x\"}\n{\"id\": 2, \"name\": \"c\"}\n");
        var result = await _workspace.RunAsync(new FileSource(json, FileFormat.JsonLines), Events());
        Assert.Equal((3, 2, 1), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.EndsWith(".jsonl", Assert.Single(Directory.GetFiles(BronzeDirectory)));
        var bad = Assert.Single(await _workspace.QueryAsync("SELECT name, amount, _row_number, _reasons FROM quarantine.events"));
        Assert.Equal(["b", "x", 2L, "amount: 'x' is not a number; id (primary key): 1 already appears in row 1"], bad);

        var parquet = Path.Combine(_workspace.Root, "events.parquet");
        await _workspace.QueryAsync($"COPY (SELECT * FROM (VALUES (1, 'a', 1.5), (1, 'b', 2.5), (3, 'c', NULL)) t(id, name, amount)) TO '{parquet}' (FORMAT parquet)");
        result = await _workspace.RunAsync(new FileSource(parquet, FileFormat.Parquet), Events());
        Assert.Equal((3, 2, 1), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.EndsWith(".parquet", Assert.Single(Directory.GetFiles(BronzeDirectory)));
        Assert.Equal([2L, "b", "2.5"], Assert.Single(await _workspace.QueryAsync("SELECT _row_number, name, amount FROM quarantine.events")));
        Assert.Equal(3, await _workspace.CountAsync("bronze.events"));
    }

    [Fact]
    public async Task ATableSource_KeepsBronzeAsATable_AndTheSameQuarantine()
    {
        var database = Path.Combine(_workspace.Root, "shop.db");
        await using (var sqlite = new SqliteConnection($"Data Source={database};Pooling=false"))
        {
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = "CREATE TABLE events (id TEXT, name TEXT, amount TEXT); INSERT INTO events VALUES ('1', 'a', '1.5'), ('2', 'b', 'x'), ('1', 'c', '3.5');";
            await command.ExecuteNonQueryAsync();
        }
        var engine = new OnboardingEngine(_workspace.Storage,
            [new RelationalSourceReader(new DataPlaneOptions { AllowedFileRoot = _workspace.Root, UserSqlTimeout = TimeSpan.FromSeconds(30) })], _workspace.Options);
        var source = new RelationalSource(RelationalKind.Sqlite, $"Data Source={database}", "events");
        var result = await engine.RunAsync(_workspace.Request(source, Events()), new ProgressLog(), CancellationToken.None);

        Assert.Equal((3, 1, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Equal(["bronze.events", "quarantine.events", "silver.events"], await _workspace.TablesAsync());
        Assert.False(Directory.Exists(BronzeDirectory) && Directory.EnumerateFiles(BronzeDirectory).Any());
        var quarantine = await _workspace.QueryAsync("SELECT _row_number, id, name, amount, _reasons FROM quarantine.events");
        Assert.Equal([2L, "2", "b", "x", "amount: 'x' is not a number"], quarantine[0]);
        Assert.Equal([3L, "1", "c", "3.5", "id (primary key): 1 already appears in row 1"], quarantine[1]);
    }

    /// <summary>How many names the file has (hard links), from stat(1).</summary>
    static int LinkCount(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(output.Trim());
    }

    public void Dispose() => _workspace.Dispose();
}

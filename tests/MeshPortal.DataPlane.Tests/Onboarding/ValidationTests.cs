using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Tests.Support;
using static MeshPortal.DataPlane.Tests.Support.Contracts;

namespace MeshPortal.DataPlane.Tests.Onboarding;

public sealed class ValidationTests : IDisposable
{
    readonly Workspace _workspace = new();

    async Task<List<(long Row, string Reasons)>> QuarantineAsync() =>
        (await _workspace.QueryAsync("SELECT _row_number, _reasons FROM quarantine.orders ORDER BY _row_number"))
        .Select(r => (Convert.ToInt64(r[0]), (string)r[1]!)).ToList();

    [Fact]
    public async Task PlantedDefects_AreQuarantinedWithTheirReasons_AndEveryOtherRowIsSilver()
    {
        var result = await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", Datasets.Orders())), Orders());

        Assert.Equal((1000, 983, 17), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Null(result.GoldRows);
        Assert.Equal(1000, await _workspace.CountAsync("bronze.orders"));
        Assert.Equal(983, await _workspace.CountAsync("silver.orders"));
        var quarantine = await QuarantineAsync();
        Assert.Equal([10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 30, 31, 32, 33, 40, 41, 50], quarantine.Select(q => q.Row));
        Assert.Equal(Datasets.BadNumbers.Select(n => $"order_total: '{n}' is not a number"), quarantine.Take(7).Select(q => q.Reasons));
        Assert.All(quarantine.Skip(7).Take(3), q => Assert.Equal("customer: missing, but required", q.Reasons));
        Assert.Equal([
            "order_id (primary key): 1 already appears in row 1", "order_id (primary key): 2 already appears in row 2",
            "order_id (primary key): 3 already appears in row 3", "order_id (primary key): 4 already appears in row 4"],
            quarantine.Skip(10).Take(4).Select(q => q.Reasons));
        Assert.All(quarantine.Skip(14).Take(2), q => Assert.Equal("status: 'shipped?' is not one of new, paid, shipped, delivered, cancelled", q.Reasons));
        Assert.Equal("email: 'not-an-email' does not match the pattern [^@ ]+@[^@ ]+\\.[a-z]+", quarantine[16].Reasons);

        // The quarantine keeps the row as ingested, with the run's metadata.
        var row11 = (await _workspace.QueryAsync("SELECT order_total, note, _run_id FROM quarantine.orders WHERE _row_number = 11"))[0];
        Assert.Equal("12,50", row11[0]);
        Assert.Equal("note 11", row11[1]);
        Assert.NotNull(row11[2]);
    }

    [Fact]
    public async Task Silver_HasTheContractsColumnsInItsOrderAndTypes_SourceOrderKept_ExtraColumnsOnlyInBronze()
    {
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", Datasets.Orders())), Orders());

        var silver = (await _workspace.QueryAsync("SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE schema_name = 'silver' AND table_name = 'orders' ORDER BY column_index"))
            .Select(r => (string)r[0]!);
        Assert.Equal(["order_id BIGINT", "customer VARCHAR", "email VARCHAR", "status VARCHAR", "order_total DOUBLE", "quantity BIGINT", "order_date DATE", "coupon VARCHAR"], silver);
        var bronze = (await _workspace.QueryAsync("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'bronze' AND table_name = 'orders' ORDER BY column_index"))
            .Select(r => (string)r[0]!);
        Assert.Equal([.. Datasets.OrdersHeader.Split(','), "_run_id", "_loaded_at", "_row_number"], bronze);

        var ids = (await _workspace.QueryAsync("SELECT order_id FROM silver.orders")).Select(r => Convert.ToInt64(r[0])).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(1, ids[0]);
        var first = (await _workspace.QueryAsync("SELECT order_total, quantity, order_date, coupon FROM silver.orders LIMIT 1"))[0];
        Assert.Equal(1.25, first[0]);
        Assert.Equal(2L, first[1]);
        Assert.Equal(new DateOnly(2024, 1, 2), first[2]);
        Assert.Null(first[3]);
        var numbers = (await _workspace.QueryAsync("SELECT min(_row_number), max(_row_number), count(DISTINCT _row_number) FROM bronze.orders"))[0];
        Assert.Equal([1L, 1000L, 1000L], numbers.Select(Convert.ToInt64));
    }

    [Fact]
    public async Task ARowBreakingSeveralRules_HasEveryReason()
    {
        var csv = "order_id,customer,email,status,order_total\n1,ann,ann@example.com,new,1\n2,,bad,lost,x\n";
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", csv)), Orders());
        Assert.Equal(
            "customer: missing, but required; email: 'bad' does not match the pattern [^@ ]+@[^@ ]+\\.[a-z]+; status: 'lost' is not one of new, paid, shipped, delivered, cancelled; order_total: 'x' is not a number",
            Assert.Single(await QuarantineAsync()).Reasons);
    }

    [Fact]
    public async Task PhysicalTypes_DecideTheCast_AndTheMessage()
    {
        var contract = Object("measures",
            Property("id", "integer", "INT", primaryKey: true),
            Property("price", "number", "DECIMAL(5,2)"),
            Property("active", "boolean"),
            Property("day", "date"),
            Property("at", "timestamp", "DATETIME2"),
            Property("code", "string", "VARCHAR(10)"));
        var csv = """
            id,price,active,day,at,code
            1,123.456,yes,2024-02-29,2024-01-02T03:04:05,a
            2,12345.6,true,2024-01-01,2024-01-02 03:04:05,b
            3.5,1,maybe,2024-02-30,yesterday,c
             4 ,-0.5,0,2024-12-31,2024-01-02 03:04:05.123,d
            """;
        var result = await _workspace.RunAsync(Workspace.Csv(_workspace.File("measures.csv", csv)), contract);

        Assert.Equal((4, 2, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var silver = await _workspace.QueryAsync("SELECT id, price, active, day, \"at\" FROM silver.measures ORDER BY id");
        Assert.Equal([1, 123.46m, true, new DateOnly(2024, 2, 29), new DateTime(2024, 1, 2, 3, 4, 5)], silver[0]);
        Assert.Equal(4, silver[1][0]);
        var types = (await _workspace.QueryAsync("SELECT data_type FROM duckdb_columns() WHERE table_name = 'measures' AND schema_name = 'silver' ORDER BY column_index"))
            .Select(r => (string)r[0]!);
        Assert.Equal(["INTEGER", "DECIMAL(5,2)", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR"], types);
        var reasons = (await _workspace.QueryAsync("SELECT _reasons FROM quarantine.measures ORDER BY _row_number")).Select(r => (string)r[0]!).ToList();
        Assert.Equal("price: '12345.6' is not a number with at most 3 digits before the decimal point", reasons[0]);
        Assert.Equal("id: '3.5' is not an integer (32-bit); active: 'maybe' is not a boolean (true or false); day: '2024-02-30' is not a date (YYYY-MM-DD); "
            + "at: 'yesterday' is not a timestamp (YYYY-MM-DD HH:MM:SS)", reasons[1]);
    }

    [Fact]
    public async Task AFileWithoutARequiredColumn_FailsTheRun_NamingTheColumn()
    {
        var csv = "order_id,email\n1,a@b.cd\n";
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", csv)), Orders()));
        Assert.StartsWith("The source has no column 'customer' required by the contract (object 'orders'). Its columns are: order_id, email", e.Message);
        Assert.Empty(await _workspace.TablesAsync());
    }

    [Fact]
    public async Task ColumnsAreMatchedWithoutCase_AndByPhysicalName_AndMissingOptionalOnesAreNull()
    {
        var contract = Object("people",
            Property("personId", "integer", primaryKey: true, physicalName: "person_id"),
            Property("Name", required: true),
            Property("nickname"));
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("people.csv", "PERSON_ID,name,age\n7,Ada,36\n")), contract);
        var row = (await _workspace.QueryAsync("SELECT * FROM silver.people"))[0];
        Assert.Equal([7L, "Ada", null], row);
        var columns = (await _workspace.QueryAsync("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'silver' AND table_name = 'people' ORDER BY column_index"))
            .Select(r => (string)r[0]!);
        Assert.Equal(["personId", "Name", "nickname"], columns);
    }

    [Fact]
    public async Task UniqueAndCompositeKeys_KeepTheFirstRow_AndQuarantineTheLaterOnes()
    {
        var contract = Object("lines",
            Property("order_id", "integer", primaryKey: true),
            Property("line", "integer", primaryKey: true),
            Property("sku", unique: true));
        var csv = "order_id,line,sku\n1,1,A\n1,2,B\n1,1,C\n2,1,A\n2,2,\n2,3,\n";
        var result = await _workspace.RunAsync(Workspace.Csv(_workspace.File("lines.csv", csv)), contract);
        Assert.Equal((6, 4, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var reasons = (await _workspace.QueryAsync("SELECT _row_number, _reasons FROM quarantine.lines ORDER BY 1")).Select(r => $"{r[0]}: {r[1]}");
        Assert.Equal(["3: primary key (order_id, line): (1, 1) already appears in row 1", "4: sku: 'A' already appears in row 1"], reasons);
    }

    [Fact]
    public async Task AMalformedPattern_FailsTheRunBeforeReading_NamingTheProperty()
    {
        var contract = Object("orders", Property("order_id", "integer"), Property("code", pattern: "[A-Z"));
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.RunAsync(Workspace.Csv(_workspace.File("o.csv", "order_id,code\n1,A\n")), contract));
        Assert.StartsWith("The pattern of property 'code' is not a valid regular expression", e.Message);
        Assert.Empty(await _workspace.TablesAsync());
    }

    [Fact]
    public async Task ValidValuesThatDoNotFitTheType_FailTheRun()
    {
        var contract = Object("orders", Property("priority", "integer", validValues: ["1", "2", "high"]));
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.RunAsync(Workspace.Csv(_workspace.File("o.csv", "priority\n1\n")), contract));
        Assert.Equal("Property 'priority' lists 'high' among its valid values, but it is not an integer as its type requires.", e.Message);
    }

    [Fact]
    public async Task TypedValidValues_CompareAsValues()
    {
        var contract = Object("orders", Property("priority", "integer", validValues: ["1", "2"]));
        var result = await _workspace.RunAsync(Workspace.Csv(_workspace.File("o.csv", "priority\n01\n2\n3\n")), contract);
        Assert.Equal((2, 1), (result.RowsValid, result.RowsQuarantined));
        Assert.Equal("priority: '3' is not one of 1, 2", (await QuarantineAsync(contractObject: "orders")).Single().Reasons);
    }

    async Task<List<(long Row, string Reasons)>> QuarantineAsync(string contractObject) =>
        (await _workspace.QueryAsync($"SELECT _row_number, _reasons FROM quarantine.{Quote.Identifier(contractObject)} ORDER BY _row_number"))
        .Select(r => (Convert.ToInt64(r[0]), (string)r[1]!)).ToList();

    [Fact]
    public async Task CsvLinesThatCannotBeParsed_AreQuarantinedWithTheirLine()
    {
        var csv = "order_id,customer\n1,ann\n2,bob,extra\n3,\"carl\"x\n4,dora\n";
        var result = await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", csv)), Object("orders", Property("order_id", "integer"), Property("customer")));
        Assert.Equal((4, 2, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var rows = await _workspace.QueryAsync("SELECT _line, _raw, _reasons, _row_number, order_id FROM quarantine.orders ORDER BY _line");
        Assert.Equal([3L, "2,bob,extra", "line 3: 3 values where the header has 2 columns", null, null], rows[0]);
        Assert.Equal(4L, rows[1][0]);
        Assert.StartsWith("line 4: bad quoting", (string)rows[1][2]!);
    }

    [Fact]
    public async Task ParquetAndJsonLines_AreOnboardedLikeCsv()
    {
        var contract = Object("events", Property("id", "integer", primaryKey: true), Property("kind", validValues: ["a", "b"]), Property("at", "timestamp"));
        var parquet = Path.Combine(_workspace.Root, "events.parquet");
        await using (var connection = await _workspace.Storage.OpenAsync(Guid.NewGuid()))
            Workspace.Query(connection, $"COPY (SELECT range AS id, CASE WHEN range = 3 THEN 'z' ELSE 'a' END AS kind, TIMESTAMP '2024-01-01' + INTERVAL (range) HOUR AS at FROM range(10)) TO {Quote.Literal(parquet)} (FORMAT parquet)");
        var result = await _workspace.RunAsync(new FileSource(parquet, FileFormat.Parquet), contract);
        Assert.Equal((10, 9, 1), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Equal(new DateTime(2024, 1, 1, 5, 0, 0), (await _workspace.QueryAsync("SELECT \"at\" FROM silver.events WHERE id = 5"))[0][0]);

        var jsonl = _workspace.File("events.jsonl", "{\"id\": 1, \"kind\": \"a\", \"at\": \"2024-01-01 10:00:00\"}\n{\"id\": 1, \"kind\": \"b\"}\n{\"id\": \"x\", \"kind\": \"b\"}\n");
        result = await _workspace.RunAsync(new FileSource(jsonl, FileFormat.JsonLines), contract);
        Assert.Equal((3, 1, 2), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        Assert.Equal(["id (primary key): 1 already appears in row 1", "id: 'x' is not an integer"],
            (await _workspace.QueryAsync("SELECT _reasons FROM quarantine.events ORDER BY _row_number")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task ASourceColumnNamedLikeTheEnginesOwn_IsRefused()
    {
        var e = await Assert.ThrowsAsync<DataPlaneException>(() =>
            _workspace.RunAsync(Workspace.Csv(_workspace.File("o.csv", "order_id,_row_number\n1,2\n")), Object("orders", Property("order_id", "integer"))));
        Assert.Contains("'_row_number'", e.Message);
    }

    [Fact]
    public async Task AnObjectTheContractDoesNotHave_IsRefused()
    {
        var request = _workspace.Request(Workspace.Csv(_workspace.File("o.csv", "a\n1\n")), Orders()) with { ObjectName = "invoices" };
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => _workspace.Engine.RunAsync(request, new ProgressLog(), CancellationToken.None));
        Assert.Contains("has no object 'invoices' (it has 'orders')", e.Message);
    }

    public void Dispose() => _workspace.Dispose();
}

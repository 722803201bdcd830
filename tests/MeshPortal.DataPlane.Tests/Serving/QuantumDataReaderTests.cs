using System.Text;
using System.Text.Json;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Storage;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Serving;

/// <summary>The reader over a quantum onboarded with the planted-defects orders (983 silver, 17 quarantined) and a gold table.</summary>
public sealed class QuantumDataReaderTests : IAsyncLifetime
{
    const string Gold = "SELECT status, count(*) AS orders, sum(order_total)::DECIMAL(12,2) AS total FROM silver GROUP BY status ORDER BY status";
    static readonly IReadOnlySet<string> NoMask = new HashSet<string>();
    readonly Workspace _workspace = new();
    QuantumDataReader Reader => _workspace.Reader;
    Guid Quantum => _workspace.QuantumId;

    public async Task InitializeAsync() =>
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("orders.csv", Datasets.Orders())), Contracts.Orders(), Gold);

    [Fact]
    public async Task Layers_DescribeEveryPublishedTable()
    {
        var layers = await Reader.LayersAsync(Quantum);
        Assert.Equal([(Layer.Bronze, 1000L), (Layer.Silver, 983L), (Layer.Quarantine, 17L), (Layer.Gold, 3L)], layers.Select(l => (l.Layer, l.Rows)));
        Assert.All(layers, l => Assert.Equal("orders", l.ObjectName));
        var silver = layers.Single(l => l.Layer == Layer.Silver);
        Assert.Equal(["order_id BIGINT", "customer VARCHAR", "email VARCHAR", "status VARCHAR", "order_total DOUBLE", "quantity BIGINT", "order_date DATE", "coupon VARCHAR"],
            silver.Columns.Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal(["_reasons"], layers.Single(l => l.Layer == Layer.Quarantine).Columns.Select(c => c.Name).Where(n => n == "_reasons"));
    }

    [Fact]
    public async Task Page_GivesDisplayText_WithLimitOffsetTotal_AndMasks()
    {
        var page = await Reader.PageAsync(Quantum, Layer.Silver, "orders", 3, 10, new HashSet<string>(["EMAIL"]));
        Assert.Equal(983, page.Total);
        Assert.Equal(["order_id", "customer", "email", "status", "order_total", "quantity", "order_date", "coupon"], page.Columns);
        Assert.Equal(3, page.Rows.Count);
        // Rows 10-16 are quarantined: the 11th silver row is source row 18.
        Assert.Equal(["18", "customer 18", QuantumDataReader.Mask, "new", "22.5", "4", "2024-01-19", null], page.Rows[0]);
        Assert.Empty((await Reader.PageAsync(Quantum, Layer.Silver, "orders", 10, 983, NoMask)).Rows);
    }

    [Fact]
    public async Task Page_OfTheQuarantine_ShowsTheReasons()
    {
        var page = await Reader.PageAsync(Quantum, Layer.Quarantine, "orders", 100, 0, NoMask);
        Assert.Equal(17, page.Total);
        var reasons = page.Columns.ToList().IndexOf("_reasons");
        Assert.Equal("order_total: 'abc' is not a number", page.Rows[0][reasons]);
    }

    [Fact]
    public async Task Csv_IsRfc4180_WithMaskedColumnsEmpty_AndLimitOffset()
    {
        var csv = await WriteAsync(Layer.Quarantine, DataFormat.Csv, limit: 2, offset: 1, masked: ["customer"]);
        var lines = csv.Split("\r\n");
        Assert.Equal(4, lines.Length); // header, 2 rows, and the empty string after the last CRLF
        Assert.StartsWith("order_id,customer,email,status,order_total,quantity,order_date,note,_run_id,_loaded_at,_row_number,_reasons", lines[0]);
        Assert.StartsWith("11,,user11@example.com,shipped,\"12,50\",2,2024-01-12,note 11,", lines[1]);
        Assert.EndsWith(",11,\"order_total: '12,50' is not a number\"", lines[1]);
        Assert.Equal("", lines[3]);

        var all = await WriteAsync(Layer.Silver, DataFormat.Csv);
        Assert.Equal(984, all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Csv_QuotesWhatNeedsIt_AndTellsAnEmptyStringFromNull()
    {
        var gold = "SELECT * FROM (VALUES ('a \"quoted\" word', 'x'), ('two\nlines', ''), ('plain', NULL)) t(text, other)";
        await _workspace.RunAsync(Workspace.Csv(_workspace.File("one.csv", Datasets.Orders(5, defects: false))), Contracts.Orders(), gold);
        var csv = await WriteAsync(Layer.Gold, DataFormat.Csv);
        Assert.Equal("text,other\r\n\"a \"\"quoted\"\" word\",x\r\n\"two\nlines\",\"\"\r\nplain,\r\n", csv);
    }

    [Fact]
    public async Task Json_IsOneArrayOfObjects_WithTypedValues_AndMaskedColumnsNull()
    {
        var json = await WriteAsync(Layer.Silver, DataFormat.Json, limit: 5, masked: ["email"]);
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        var first = rows[0];
        Assert.Equal(1, first.GetProperty("order_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("email").ValueKind);
        Assert.Equal(1.25, first.GetProperty("order_total").GetDouble());
        Assert.Equal("2024-01-02", first.GetProperty("order_date").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("coupon").ValueKind);

        using var gold = JsonDocument.Parse(await WriteAsync(Layer.Gold, DataFormat.Json));
        var paid = gold.RootElement.EnumerateArray().Single(r => r.GetProperty("status").GetString() == "paid");
        Assert.Equal(JsonValueKind.Number, paid.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Number, paid.GetProperty("orders").ValueKind);

        using var bronze = JsonDocument.Parse(await WriteAsync(Layer.Bronze, DataFormat.Json, limit: 1));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", bronze.RootElement[0].GetProperty("_loaded_at").GetString());
        Assert.Equal(1000, JsonDocument.Parse(await WriteAsync(Layer.Bronze, DataFormat.Json)).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Parquet_KeepsTheTypes_AndMasksAsNull()
    {
        var file = Path.Combine(_workspace.Root, "export.parquet");
        await using (var stream = File.Create(file))
            await Reader.WriteAsync(Quantum, Layer.Silver, "orders", DataFormat.Parquet, 100, 5, new HashSet<string>(["customer"]), stream);

        await using var connection = await _workspace.Storage.OpenAsync(Guid.NewGuid());
        var read = $"read_parquet({Quote.Literal(file)})";
        Assert.Equal(100L, Convert.ToInt64(Workspace.Query(connection, $"SELECT count(*) FROM {read}")[0][0]));
        Assert.Equal(0L, Convert.ToInt64(Workspace.Query(connection, $"SELECT count(customer) FROM {read}")[0][0]));
        var types = Workspace.Query(connection, $"SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM {read})").Select(r => (string)r[0]!);
        Assert.Equal(["order_id BIGINT", "customer VARCHAR", "email VARCHAR", "status VARCHAR", "order_total DOUBLE", "quantity BIGINT", "order_date DATE", "coupon VARCHAR"], types);
        Assert.Equal(6L, Convert.ToInt64(Workspace.Query(connection, $"SELECT min(order_id) FROM {read}")[0][0]));
        Assert.Empty(Directory.GetFiles(_workspace.Storage.TempDirectory(Quantum), "export-*"));
    }

    [Fact]
    public async Task PublishedOutput_IsGoldWhenThereIsOne_ElseSilver_WithItsContract()
    {
        var output = await Reader.PublishedOutputAsync(Quantum, "orders");
        Assert.Equal((Layer.Gold, "urn:test:orders", "1.2.0"), (output!.Layer, output.ContractId, output.ContractVersion));

        await _workspace.RunAsync(Workspace.Csv(_workspace.File("again.csv", Datasets.Orders(10, defects: false))), Contracts.Orders());
        output = await Reader.PublishedOutputAsync(Quantum, "ORDERS");
        Assert.Equal((Layer.Silver, 10L), (output!.Layer, output.Rows));
        Assert.Null(await Reader.PublishedOutputAsync(Quantum, "invoices"));
    }

    [Fact]
    public async Task AQuantumWithoutData_HasNoLayers_AndReadingDoesNotCreateItsDatabase()
    {
        var other = Guid.NewGuid();
        Assert.Empty(await Reader.LayersAsync(other));
        Assert.Null(await Reader.PublishedOutputAsync(other, "orders"));
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => Reader.PageAsync(other, Layer.Silver, "orders", 10, 0, NoMask));
        Assert.Equal("There is no published silver data for 'orders' yet: run an onboarding first.", e.Message);
        await Assert.ThrowsAsync<DataPlaneException>(() => Reader.WriteAsync(other, Layer.Silver, "orders", DataFormat.Csv, null, 0, NoMask, Stream.Null));
        Assert.False(_workspace.Storage.Exists(other));
        await Assert.ThrowsAsync<DataPlaneException>(() => Reader.PageAsync(Quantum, Layer.Gold, "invoices", 10, 0, NoMask));
    }

    [Fact]
    public async Task CancellingAnExport_StopsIt()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Reader.WriteAsync(Quantum, Layer.Bronze, "orders", DataFormat.Json, null, 0, NoMask, new MemoryStream(), cancel.Token));
    }

    async Task<string> WriteAsync(Layer layer, DataFormat format, long? limit = null, long offset = 0, string[]? masked = null)
    {
        using var output = new MemoryStream();
        await Reader.WriteAsync(Quantum, layer, "orders", format, limit, offset, new HashSet<string>(masked ?? []), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }
}

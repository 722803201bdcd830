using System.Text.Json.Nodes;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;
using Microsoft.Data.Sqlite;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>
/// Product C built from A + B with the real onboarding engine: A (orders) and B (customers) are onboarded from a
/// SQLite source, C's source is a composition joining their published outputs.
/// </summary>
public sealed class CompositionSourceReaderTests : IDisposable
{
    const string Revenue = "SELECT c.name AS customer, sum(o.amount) AS total, count(*) AS orders FROM input.orders o JOIN input.customers c ON c.id = o.customer_id GROUP BY c.name ORDER BY c.name";

    readonly string root = Directory.CreateTempSubdirectory("meshportal-composition-").FullName;
    readonly DataPlaneOptions options;
    readonly QuantumStorage storage;
    readonly OnboardingEngine engine;
    readonly Guid orders = Guid.NewGuid();
    readonly Guid customers = Guid.NewGuid();
    readonly Guid consumer = Guid.NewGuid();

    public CompositionSourceReaderTests()
    {
        options = new DataPlaneOptions
        {
            RootPath = Path.Combine(root, "quanta"),
            AllowedFileRoot = Path.Combine(root, "sources"),
            UserSqlTimeout = TimeSpan.FromSeconds(30),
        };
        Directory.CreateDirectory(options.AllowedFileRoot);
        storage = new QuantumStorage(options);
        engine = new OnboardingEngine(storage, [new RelationalSourceReader(options), new CompositionSourceReader(storage, new QuantumDataReader(storage), options)], options);
        using var sqlite = new SqliteConnection($"Data Source={Path.Combine(options.AllowedFileRoot, "shop.db")};Pooling=false");
        sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = """
            CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount REAL);
            INSERT INTO orders VALUES (1, 10, 12.5), (2, 10, 7.5), (3, 20, 100), (4, 20, -5);
            CREATE TABLE customers (id INTEGER, name TEXT);
            INSERT INTO customers VALUES (10, 'Ada'), (20, 'Grace'), (30, 'Linus');
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    static NormalizedContract Contract(string id, string version, string objectName, params (string Name, string Type)[] properties) =>
        ContractNormalizer.Normalize(new JsonObject
        {
            ["apiVersion"] = "v3.0.2",
            ["kind"] = "DataContract",
            ["id"] = id,
            ["version"] = version,
            ["status"] = "active",
            ["schema"] = new JsonArray(new JsonObject
            {
                ["name"] = objectName,
                ["properties"] = new JsonArray(properties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["logicalType"] = p.Type }).ToArray()),
            }),
        });

    static readonly NormalizedContract OrdersContract = Contract("urn:orders", "1.2.0", "orders", ("id", "integer"), ("customer_id", "integer"), ("amount", "number"));
    static readonly NormalizedContract CustomersContract = Contract("urn:customers", "2.0.1", "customers", ("id", "integer"), ("name", "string"));
    static readonly NormalizedContract RevenueContract = Contract("urn:revenue", "1.0.0", "revenue", ("customer", "string"), ("total", "number"), ("orders", "integer"));

    RelationalSource Shop(string table) => new(RelationalKind.Sqlite, "Data Source=shop.db", table);

    async Task PublishProducersAsync(string? ordersGold = null)
    {
        await engine.RunAsync(new OnboardingRequest(orders, Guid.NewGuid(), Shop("orders"), OrdersContract, "orders", ordersGold), new Progress<OnboardingProgress>(), CancellationToken.None);
        await engine.RunAsync(new OnboardingRequest(customers, Guid.NewGuid(), Shop("customers"), CustomersContract, "customers"), new Progress<OnboardingProgress>(), CancellationToken.None);
    }

    CompositionSource Composition(string ordersVersion = "1.1.0", string customersVersion = "2.0.0", string sql = Revenue, Guid? ordersProducer = null, string ordersContract = "urn:orders") =>
        new(new Dictionary<string, QuantumInput>
        {
            ["orders"] = new(ordersProducer ?? orders, "orders", ordersContract, ordersVersion),
            ["customers"] = new(customers, "customers", "urn:customers", customersVersion),
        }, sql);

    Task<OnboardingResult> RunConsumerAsync(CompositionSource source) =>
        engine.RunAsync(new OnboardingRequest(consumer, Guid.NewGuid(), source, RevenueContract, "revenue"), new Progress<OnboardingProgress>(), CancellationToken.None);

    async Task<StagedTable> ConsumerTableAsync(string table, string orderBy)
    {
        await using var connection = await storage.OpenAsync(consumer);
        return StagedTable.Read(connection, table, orderBy);
    }

    [Fact]
    public async Task Consumer_JoinsThePublishedOutputsOfItsProducers()
    {
        await PublishProducersAsync();

        var result = await RunConsumerAsync(Composition());

        Assert.Equal((2L, 2L, 0L), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var silver = await ConsumerTableAsync("silver.revenue", "customer");
        Assert.Equal(["customer", "total", "orders"], silver.Columns);
        StagedTable.AssertRow(["Ada", "20", "2"], silver.Rows[0]);
        StagedTable.AssertRow(["Grace", "95", "2"], silver.Rows[1]);
        // The inputs stay in the consumer's database, with the producer's types.
        var input = await ConsumerTableAsync("input.orders", "id");
        Assert.Equal(["BIGINT", "BIGINT", "DOUBLE"], input.Types.Take(3).Select(t => t.ToUpperInvariant()));
    }

    [Fact]
    public async Task ProducerWithGold_IsReadFromGold()
    {
        await PublishProducersAsync(ordersGold: "SELECT * FROM silver WHERE amount > 0");

        await RunConsumerAsync(Composition());

        var silver = await ConsumerTableAsync("silver.revenue", "customer");
        StagedTable.AssertRow(["Grace", "100", "1"], silver.Rows[1]);
    }

    [Fact]
    public async Task RerunningTheConsumer_ReplacesItsInputs()
    {
        await PublishProducersAsync();
        await RunConsumerAsync(Composition());
        await PublishProducersAsync(ordersGold: "SELECT * FROM silver WHERE id = 1");

        await RunConsumerAsync(Composition());

        var silver = await ConsumerTableAsync("silver.revenue", "customer");
        Assert.Single(silver.Rows);
        StagedTable.AssertRow(["Ada", "12.5", "1"], silver.Rows[0]);
    }

    [Theory]
    [InlineData("2.0.0", "relies on 2.0.0: another major version may break the composition")]
    [InlineData("0.9.0", "relies on 0.9.0: another major version may break the composition")]
    [InlineData("1.3.0", "older than the 1.3.0 this input relies on")]
    [InlineData("1.2.1", "older than the 1.2.1 this input relies on")]
    public async Task ProducerValidatedAgainstAnotherVersion_IsRefused(string relied, string reason)
    {
        await PublishProducersAsync();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(ordersVersion: relied)));

        Assert.Contains($"The producer of input 'orders' (quantum {orders})", error.Message);
        Assert.Contains("validated against urn:orders 1.2.0", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.False(await PublishedAsync(consumer));
    }

    [Fact]
    public async Task ProducerUnderAnotherContract_IsRefused()
    {
        await PublishProducersAsync();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(ordersContract: "urn:sales-orders")));

        Assert.Contains("publishes 'orders' under contract urn:orders, but this input relies on contract urn:sales-orders", error.Message);
    }

    [Fact]
    public async Task ProducerWithoutPublishedData_IsRefused()
    {
        await PublishProducersAsync();
        var unpublished = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(ordersProducer: unpublished)));

        Assert.Equal($"The producer of input 'orders' (quantum {unpublished}) has no published data for 'orders' yet: its owner must run its onboarding first.", error.Message);
        Assert.False(storage.Exists(unpublished));
    }

    [Fact]
    public async Task ProducerThatPublishedAnotherObjectOnly_IsRefused()
    {
        await PublishProducersAsync();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(ordersProducer: customers)));

        Assert.Contains("has no published data for 'orders' yet", error.Message);
    }

    [Theory]
    [InlineData("SELECT * FROM silver.revenue", "may only read tables of input")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "may only read tables of input")]
    [InlineData("DELETE FROM input.orders", "must be a single SELECT")]
    [InlineData("SELECT * FROM input.orders; DROP TABLE input.orders", "must be a single SELECT")]
    public async Task CompositionQueries_ReadOnlyTheInputs(string sql, string reason)
    {
        await PublishProducersAsync();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(sql: sql)));

        Assert.StartsWith("The composition query", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task SlowCompositionQuery_StopsAtTheTimeLimit()
    {
        await PublishProducersAsync();
        options.UserSqlTimeout = TimeSpan.FromSeconds(1);

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(Composition(
            sql: "SELECT o.id AS customer, sum(a.range * b.range) AS total, 1 AS orders FROM input.orders o, range(100000000) a, range(100000) b GROUP BY o.id")));

        Assert.StartsWith("The composition query ran longer than 1 s", error.Message);
    }

    [Fact]
    public async Task InputNames_MustBeIdentifiers()
    {
        var source = new CompositionSource(new Dictionary<string, QuantumInput> { ["orders; drop"] = new(orders, "orders", "urn:orders", "1.0.0") }, Revenue);

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => RunConsumerAsync(source));

        Assert.Contains("'orders; drop' cannot name an input table", error.Message);
    }

    [Theory]
    [InlineData("1.2.0", "1.2.0", null)]
    [InlineData("1.0.0", "1.9.3", null)]
    [InlineData("1.2.0", "1.2.0-rc.1", "older than")]
    [InlineData("1.2.0-rc.1", "1.2.0", null)]
    [InlineData("1.x", "1.2.0", "not a semantic version")]
    [InlineData("1.0.0", "v1", "not a semantic version")]
    public void ContractCheck_FollowsSemanticVersioning(string relied, string published, string? refusal)
    {
        var input = new QuantumInput(orders, "orders", "urn:orders", relied);

        var error = Record.Exception(() => CompositionSourceReader.CheckContract("The producer", input, "urn:orders", published));

        if (refusal is null) Assert.Null(error);
        else Assert.Contains(refusal, Assert.IsType<DataPlaneException>(error).Message);
    }

    async Task<bool> PublishedAsync(Guid quantum)
    {
        await using var connection = await storage.OpenAsync(quantum);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM meta.loads";
        return Convert.ToInt64(await command.ExecuteScalarAsync()) > 0;
    }
}

using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sources;

public sealed class ParquetAndJsonReaderTests
{
    [Fact]
    public async Task Parquet_IsLoadedAsText_NestedValuesAsJson()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = Path.Combine(harness.Workspace.Root, "typed.parquet");
        Workspace.Query(harness.Connection, $$"""
            COPY (SELECT * FROM (VALUES
                (1::BIGINT, 'a', 12.5::DECIMAL(5,2), DATE '2024-01-02', [1, 2], {'k': true}),
                (2::BIGINT, NULL, 0.1::DECIMAL(5,2), NULL, [], {'k': false})) t(id, name, amount, day, tags, extra))
            TO {{Quote.Literal(file)}} (FORMAT parquet)
            """);

        Assert.Equal(2, await harness.LoadAsync(new ParquetFileReader(), new FileSource(file, FileFormat.Parquet)));
        Assert.All(harness.Columns(), c => Assert.EndsWith(" VARCHAR", c));
        Assert.Equal("1|a|12.50|2024-01-02|[1,2]|{\"k\":true}", ReaderHarness.Line(harness.Rows()[0]));
        Assert.Equal("2|∅|0.10|∅|[]|{\"k\":false}", ReaderHarness.Line(harness.Rows()[1]));
    }

    [Fact]
    public async Task AFileThatIsNotParquet_IsRefusedInWords()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("fake.parquet", "id,name\n1,a\n");
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(new ParquetFileReader(), new FileSource(file, FileFormat.Parquet)));
        Assert.Equal("'fake.parquet' is not a Parquet file.", e.Message);
    }

    [Fact]
    public async Task JsonLines_EveryKeyOfTheFileBecomesAColumn_ValuesAsText()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var lines = Enumerable.Range(1, 30_000).Select(i => $"{{\"id\": {i}, \"name\": \"n{i}\"}}").ToList();
        lines.Insert(1, "{\"id\": 0, \"name\": null, \"tags\": [\"x\", \"y\"], \"nested\": {\"k\": 1.5}, \"flag\": true}");
        lines.Add("{\"id\": 99999, \"late\": \"only in the last line\"}");
        var file = harness.Workspace.File("events.jsonl", string.Join("\n", lines) + "\n");

        Assert.Equal(30_002, await harness.LoadAsync(new JsonLinesFileReader(), new FileSource(file, FileFormat.JsonLines)));
        Assert.Equal(["id VARCHAR", "name VARCHAR", "tags VARCHAR", "nested VARCHAR", "flag VARCHAR", "late VARCHAR"], harness.Columns());
        var second = harness.Rows($"SELECT * FROM {ReaderHarness.Table} WHERE id = '0'")[0];
        Assert.Equal("0|∅|[\"x\",\"y\"]|{\"k\":1.5}|true|∅", ReaderHarness.Line(second));
        Assert.Equal("only in the last line", harness.Rows($"SELECT late FROM {ReaderHarness.Table} WHERE id = '99999'")[0][0]);
    }

    [Theory]
    [InlineData("{\"id\": 1}\n{\"id\": 2,\n{\"id\": 3}\n", "could not be read as JSON lines")]
    [InlineData("{\"id\": 1}\n[1, 2]\n", "line 2")]
    public async Task MalformedJsonLines_FailWithTheLine(string content, string message)
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("bad.jsonl", content);
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(new JsonLinesFileReader(), new FileSource(file, FileFormat.JsonLines)));
        Assert.Contains(message, e.Message);
        Assert.Contains("line", e.Message);
        Assert.DoesNotContain(harness.Workspace.Root, e.Message);
    }
}

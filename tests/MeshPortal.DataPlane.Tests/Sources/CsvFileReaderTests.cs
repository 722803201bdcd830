using System.Text;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sources;

public sealed class CsvFileReaderTests
{
    readonly CsvFileReader _reader = new();

    static byte[] Bytes(params object[] parts) => parts.SelectMany(p => p as byte[] ?? Encoding.UTF8.GetBytes((string)p)).ToArray();

    [Fact]
    public async Task RaggedRowsBadQuotesAndInvalidUtf8_AreKeptAsRejects_WithTheirFileLine()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("orders.csv", Bytes(
            "id,name,amount\n",            // line 1
            "1,alpha,10\n",                // 2
            "2,beta\n",                    // 3: too few values
            "3,\"gamma, the third\",30\n", // 4
            "4,\"multi\nline\",40\n",      // 5-6: one record over two lines
            "5,delta,50,extra\n",          // 7: too many values
            "6,\"eps\"ilon,60\n",          // 8: text after a closing quote
            "7,zeta", new byte[] { 0xFF, 0xFE }, ",70\n", // 9: not UTF-8
            "8,eta,80\n"));                // 10

        var rows = await harness.LoadAsync(_reader, Workspace.Csv(file));

        Assert.Equal(4, rows);
        Assert.Equal(["id VARCHAR", "name VARCHAR", "amount VARCHAR"], harness.Columns());
        Assert.Equal(["1", "3", "4", "8"], harness.Rows().Select(r => r[0]));
        Assert.Equal("gamma, the third", harness.Rows()[1][1]);
        Assert.Equal("multi\nline", harness.Rows()[2][1]);
        var rejects = harness.Rows($"SELECT line, reason, raw FROM {_reader.RejectsTable(ReaderHarness.Table)} ORDER BY line");
        Assert.Equal(["3", "7", "8", "9"], rejects.Select(r => r[0]));
        Assert.Equal("line 3: 2 values where the header has 3 columns", rejects[0][1]);
        Assert.Equal("line 7: 4 values where the header has 3 columns", rejects[1][1]);
        Assert.StartsWith("line 8: bad quoting", rejects[2][1]);
        Assert.Contains("line 9: not valid UTF-8 text", rejects[3][1]);
        Assert.Equal("2,beta", rejects[0][2]);
        Assert.Equal("5,delta,50,extra", rejects[1][2]);
    }

    [Fact]
    public async Task AQuoteNeverClosed_IsOneRejectAtTheLineWhereItOpened()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("open-quote.csv", "id,name\n1,a\n2,\"never closed\n3,c\n4,d\n");
        Assert.Equal(1, await harness.LoadAsync(_reader, Workspace.Csv(file)));
        var rejects = harness.Rows($"SELECT line, reason FROM {_reader.RejectsTable(ReaderHarness.Table)}");
        Assert.Equal("3", Assert.Single(rejects)[0]);
        Assert.Contains("a quote is not closed", rejects[0][1]);
    }

    [Fact]
    public async Task SemicolonsTabsBomAndCrLf_AreRead_AndValuesStayAsWritten()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("semi.csv", Bytes(new byte[] { 0xEF, 0xBB, 0xBF },
            "code; Name ;note\r\n", "007;\"Dupont; Jean\";  spaced  \r\n", "008;\"two\r\nlines\";\r\n", "009;x;y;z\r\n"));

        Assert.Equal(2, await harness.LoadAsync(_reader, Workspace.Csv(file)));
        Assert.Equal(["code VARCHAR", "Name VARCHAR", "note VARCHAR"], harness.Columns());
        var rows = harness.Rows();
        Assert.Equal("007|Dupont; Jean|  spaced  ", ReaderHarness.Line(rows[0]));
        Assert.Equal("two\r\nlines", rows[1][1]);
        Assert.Null(rows[1][2]);
        var reject = Assert.Single(harness.Rows($"SELECT line, raw FROM {_reader.RejectsTable(ReaderHarness.Table)}"));
        Assert.Equal("5|009;x;y;z", ReaderHarness.Line(reject));
    }

    [Fact]
    public async Task EmptyAndRepeatedHeaderNames_GetUsableNames()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("names.csv", "id,ID,,note\n1,2,3,4\n");
        await harness.LoadAsync(_reader, Workspace.Csv(file));
        Assert.Equal(["id VARCHAR", "ID_2 VARCHAR", "column_3 VARCHAR", "note VARCHAR"], harness.Columns());
    }

    [Fact]
    public async Task AHeaderWithoutRows_LoadsNothing()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("header-only.csv", "id,name\n");
        Assert.Equal(0, await harness.LoadAsync(_reader, Workspace.Csv(file)));
    }

    [Fact]
    public async Task AFileOfWhichNoLineFits_FailsWithTheFirstReasons()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("wrong.csv", "a,b,c\n1\n2\n3\n4\n5\n");
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(_reader, Workspace.Csv(file)));
        Assert.Contains("No line of 'wrong.csv'", e.Message);
        Assert.Contains("line 2: 1 values where the header has 3 columns", e.Message);
        Assert.Contains("and 2 more", e.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\nid\n1\n", "starts with an empty line")]
    [InlineData("id,\"name\n1,2\n", "never closes")]
    public async Task AFileWithoutAUsableHeader_FailsWithAMessage(string content, string message)
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("bad-header.csv", content);
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(_reader, Workspace.Csv(file)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task AMissingFile_IsRefusedByName()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(_reader, Workspace.Csv(Path.Combine(harness.Workspace.Root, "gone.csv"))));
        Assert.Contains("'gone.csv' does not exist", e.Message);
        Assert.DoesNotContain(harness.Workspace.Root, e.Message);
    }

    [Fact]
    public async Task AFileNameDuckDbWouldReadAsAPattern_IsRefused()
    {
        await using var harness = await ReaderHarness.StartAsync();
        var file = harness.Workspace.File("orders[1].csv", "id\n1\n");
        var e = await Assert.ThrowsAsync<DataPlaneException>(() => harness.LoadAsync(_reader, Workspace.Csv(file)));
        Assert.Contains("rename the file", e.Message);
    }

    [Fact]
    public void ReadsCsvFilesOnly()
    {
        Assert.True(_reader.CanRead(new FileSource("x.csv", FileFormat.Csv)));
        Assert.False(_reader.CanRead(new FileSource("x.parquet", FileFormat.Parquet)));
    }
}

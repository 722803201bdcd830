using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Onboarding;

public sealed class ColumnTypeTests
{
    [Theory]
    [InlineData("string", null, "VARCHAR")]
    [InlineData("integer", null, "BIGINT")]
    [InlineData("number", null, "DOUBLE")]
    [InlineData("date", null, "DATE")]
    [InlineData("timestamp", null, "TIMESTAMP")]
    [InlineData("boolean", null, "BOOLEAN")]
    [InlineData("object", null, "VARCHAR")]
    [InlineData("number", "DECIMAL(12,2)", "DECIMAL(12,2)")]
    [InlineData("number", "numeric( 10 , 3 )", "DECIMAL(10,3)")]
    [InlineData("integer", "NUMBER(10)", "DECIMAL(10,0)")]
    [InlineData("number", "DECIMAL", "DOUBLE")]
    [InlineData("string", "VARCHAR(255)", "VARCHAR")]
    [InlineData("string", "character varying(20)", "VARCHAR")]
    [InlineData("integer", "int", "INTEGER")]
    [InlineData("integer", "SMALLINT", "SMALLINT")]
    [InlineData(null, "bigint", "BIGINT")]
    [InlineData("timestamp", "DATETIME2", "TIMESTAMP")]
    [InlineData("timestamp", "timestamp with time zone", "TIMESTAMPTZ")]
    [InlineData("string", "UNIQUEIDENTIFIER", "UUID")]
    [InlineData("boolean", "BIT", "BOOLEAN")]
    [InlineData("integer", "SOMETHING ODD", "BIGINT")]
    [InlineData(null, null, "VARCHAR")]
    public void ThePhysicalTypeWins_WhenKnown_ElseTheLogicalType(string? logical, string? physical, string expected) =>
        Assert.Equal(expected, ColumnType.Of(Contracts.Property("p", logical, physical)).Sql);

    [Fact]
    public async Task ATimestampWithAnOffset_IsStoredAsItsUtcInstant_AndOneWithoutIsKeptAsWritten()
    {
        using var workspace = new Workspace();
        var file = workspace.File("times.csv", """
            id,at
            1,2024-03-01 10:00:00
            2,2024-03-01T10:00:00Z
            3,2024-03-01 10:00:00+02:00
            4,2024-03-01 10:00:00.250-05:30
            5,2024-03-01T23:30:00-01:00
            6,2024-02-30 10:00:00+02:00
            """);
        var result = await workspace.RunAsync(Workspace.Csv(file), Contracts.Object("times", Contracts.Property("id", "integer"), Contracts.Property("at", "timestamp")));

        Assert.Equal((6, 5, 1), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        var stored = (await workspace.QueryAsync("""SELECT CAST("at" AS VARCHAR) FROM silver.times ORDER BY id""")).Select(r => (string)r[0]!);
        Assert.Equal(["2024-03-01 10:00:00", "2024-03-01 10:00:00", "2024-03-01 08:00:00", "2024-03-01 15:30:00.25", "2024-03-02 00:30:00"], stored);
        Assert.Equal("at: '2024-02-30 10:00:00+02:00' is not a timestamp (YYYY-MM-DD HH:MM:SS)",
            (string)(await workspace.QueryAsync("SELECT _reasons FROM quarantine.times"))[0][0]!);
    }
}

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
}

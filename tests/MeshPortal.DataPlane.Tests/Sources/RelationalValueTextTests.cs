using System.Globalization;
using System.Numerics;
using MeshPortal.DataPlane.Sources;
using MySqlConnector;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>
/// The text a value of each driver type becomes, whatever the server's or the portal's culture. Values SQL Server and
/// MySQL drivers return are built here, since no such server runs on this machine.
/// </summary>
public sealed class RelationalValueTextTests
{
    public static TheoryData<object?, string, RelationalKind, string?> Values() => new()
    {
        { DBNull.Value, "integer", RelationalKind.PostgreSql, null },
        { null, "text", RelationalKind.PostgreSql, null },
        { 12.50m, "numeric", RelationalKind.PostgreSql, "12.50" },
        { -1234567.125, "double precision", RelationalKind.PostgreSql, "-1234567.125" },
        { 0.1f, "real", RelationalKind.PostgreSql, "0.1" },
        { double.NaN, "float", RelationalKind.SqlServer, "NaN" },
        { long.MinValue, "bigint", RelationalKind.MySql, "-9223372036854775808" },
        { BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), "hugeint", RelationalKind.MySql, "123456789012345678901234567890" },
        { true, "bit", RelationalKind.SqlServer, "true" },
        { 1L, "BOOLEAN", RelationalKind.Sqlite, "true" },
        { 0L, "bool", RelationalKind.Sqlite, "false" },
        { 1L, "INTEGER", RelationalKind.Sqlite, "1" },
        { new DateTime(2024, 3, 1), "date", RelationalKind.SqlServer, "2024-03-01" },
        { new DateTime(2024, 3, 1), "DATE", RelationalKind.MySql, "2024-03-01" },
        { new DateTime(2024, 3, 1, 0, 0, 0), "datetime2", RelationalKind.SqlServer, "2024-03-01T00:00:00" },
        { new DateTime(2024, 3, 1, 10, 11, 12, 345), "DATETIME", RelationalKind.MySql, "2024-03-01T10:11:12.345" },
        { new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc), "timestamp with time zone", RelationalKind.PostgreSql, "2024-03-01T08:00:00Z" },
        { DateTime.MaxValue, "timestamp without time zone", RelationalKind.PostgreSql, "infinity" },
        { new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), "datetimeoffset", RelationalKind.SqlServer, "2024-03-01T10:00:00+02:00" },
        { new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromMinutes(-330)), "datetimeoffset", RelationalKind.SqlServer, "2024-03-01T10:00:00-05:30" },
        { new DateTimeOffset(1, 1, 2, 10, 0, 0, TimeSpan.FromHours(2)), "time with time zone", RelationalKind.PostgreSql, "10:00:00+02:00" },
        { new DateOnly(2024, 2, 29), "date", RelationalKind.PostgreSql, "2024-02-29" },
        { new TimeOnly(8, 30, 0, 250), "time without time zone", RelationalKind.PostgreSql, "08:30:00.25" },
        { new TimeSpan(0, 23, 59, 59), "time", RelationalKind.SqlServer, "23:59:59" },
        { new TimeSpan(34, 59, 59), "TIME", RelationalKind.MySql, "P1DT10H59M59S" },
        { new TimeSpan(1, 2, 0, 0), "interval", RelationalKind.PostgreSql, "P1DT2H" },
        { new MySqlDateTime(2024, 3, 1, 10, 0, 0, 0), "DATETIME", RelationalKind.MySql, "2024-03-01T10:00:00" },
        { new MySqlDateTime(0, 0, 0, 0, 0, 0, 0), "DATETIME", RelationalKind.MySql, null },
        { new byte[] { 0x00, 0xAB, 0xFF }, "varbinary", RelationalKind.SqlServer, "00abff" },
        { Guid.Parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), "uniqueidentifier", RelationalKind.SqlServer, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" },
        { new[] { 1, 2, 3 }, "integer[]", RelationalKind.PostgreSql, "[1,2,3]" },
        { new string?[] { "a", null, "b \"c\"", "é" }, "text[]", RelationalKind.PostgreSql, "[\"a\",null,\"b \\\"c\\\"\",\"é\"]" },
        { new[] { new DateOnly(2024, 1, 2) }, "date[]", RelationalKind.PostgreSql, "[\"2024-01-02\"]" },
        { new Dictionary<string, string?> { ["k"] = "v" }, "hstore", RelationalKind.PostgreSql, "{\"k\":\"v\"}" },
        { new System.Collections.BitArray(new[] { true, false, true }), "bit(3)", RelationalKind.PostgreSql, "101" },
        { System.Net.IPAddress.Parse("10.1.2.3"), "inet", RelationalKind.PostgreSql, "10.1.2.3" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_BecomeInvariantText(object? value, string type, RelationalKind kind, string? expected) =>
        Assert.Equal(expected, RelationalValueText.Format(value, type, kind));

    [Fact]
    public void Text_DoesNotDependOnTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("1234.5", RelationalValueText.Format(1234.5m, "numeric", RelationalKind.PostgreSql));
            Assert.Equal("0.25", RelationalValueText.Format(0.25, "float", RelationalKind.SqlServer));
            Assert.Equal("2024-03-01T10:11:12", RelationalValueText.Format(new DateTime(2024, 3, 1, 10, 11, 12), "datetime2", RelationalKind.SqlServer));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    // The wire bytes PostgreSQL 15 sent for these numerics (captured from a real server).
    [InlineData("0009000700000003000C0D801ED204D2162E23340D801ED204CE", "123456789012345678901234567890.123")]
    [InlineData("00000000C0000000", "NaN")]
    [InlineData("00000000D0000020", "Infinity")]
    [InlineData("0001FFFE4000000804B0", "-0.00001200")]
    public void PostgresNumerics_TooBigForDecimal_AreDecodedFromTheWire(string hex, string expected) =>
        Assert.Equal(expected, RelationalValueText.PostgresNumeric(Convert.FromHexString(hex)));
}

using System.Diagnostics;
using DuckDB.NET.Data;

namespace MeshPortal.Bench.Quality;

/// <summary>
/// The benchmark's table, generated inside DuckDB (<c>CREATE TABLE … AS SELECT … FROM range(n)</c>): order lines with
/// planted defects, deterministic from the row number i, so that each of the ten rules has a non-trivial value.
/// </summary>
public static class OrdersTable
{
    public const string Table = "silver.\"orders\"";

    /// <summary>The columns and the defects planted in them (per 10 million rows).</summary>
    public static readonly (string Column, string Type, string Defects)[] Columns =
    [
        ("order_id", "BIGINT", "i % 1000 = 7 repeats the previous id: 10,000 duplicates"),
        ("tenant_id", "INTEGER", "i % 50"),
        ("order_no", "BIGINT", "i / 50, plus 1 when i % 997 = 3: that row collides with the next tenant's row (≈ 10,031 duplicate pairs)"),
        ("customer_id", "BIGINT", "null when i % 100 = 1: 100,000 nulls"),
        ("email", "VARCHAR", "null / '' / 'n/a' when i % 200 = 2 / 3 / 4 (150,000 missing, 1.5 %); no '@' when i % 1000 = 9 (with '' and 'n/a': 110,000 invalid); 500,000 distinct addresses"),
        ("status", "VARCHAR", "'unknown' when i % 333 = 5 (30,031 invalid); else new, paid, shipped or delivered"),
        ("country", "VARCHAR", "'x1' when i % 250 = 6 (40,000 invalid); else one of five ISO codes"),
        ("amount", "DECIMAL(10,2)", "null when i % 400 = 8: 25,000 nulls (0.25 %)"),
        ("order_date", "DATE", "null when i % 5000 = 11: 2,000 nulls"),
    ];

    public static string CreateSql(long rows) => $"""
        CREATE SCHEMA IF NOT EXISTS silver;
        CREATE OR REPLACE TABLE {Table} AS SELECT
          CASE WHEN i % 1000 = 7 THEN i - 1 ELSE i END AS order_id,
          (i % 50)::INTEGER AS tenant_id,
          i // 50 + CASE WHEN i % 997 = 3 THEN 1 ELSE 0 END AS order_no,
          CASE WHEN i % 100 = 1 THEN NULL ELSE (i * 7919) % 1000003 END AS customer_id,
          CASE WHEN i % 200 = 2 THEN NULL WHEN i % 200 = 3 THEN '' WHEN i % 200 = 4 THEN 'n/a'
               WHEN i % 1000 = 9 THEN 'user' || (i % 500000) || '.example.com'
               ELSE 'user' || (i % 500000) || '@example.com' END AS email,
          CASE WHEN i % 333 = 5 THEN 'unknown' ELSE ['new', 'paid', 'shipped', 'delivered'][(i % 4) + 1] END AS status,
          CASE WHEN i % 250 = 6 THEN 'x1' ELSE ['FR', 'DE', 'NL', 'BE', 'IT'][(i % 5) + 1] END AS country,
          CASE WHEN i % 400 = 8 THEN NULL ELSE ((i * 31) % 100000 / 100.0)::DECIMAL(10,2) END AS amount,
          CASE WHEN i % 5000 = 11 THEN NULL ELSE DATE '2024-01-01' + (i % 730)::INTEGER END AS order_date
        FROM range({rows}) t(i);
        CHECKPOINT;
        """;

    /// <summary>Creates the table unless <paramref name="reuse"/> and it already has <paramref name="rows"/> rows; says what it did.</summary>
    public static string Ensure(DuckDBConnection connection, long rows, bool reuse)
    {
        if (reuse && Exists(connection) && Scalar(connection, $"SELECT count(*) FROM {Table}") is long existing && existing == rows)
            return "reused from the work folder";
        var timer = Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = CreateSql(rows);
        command.ExecuteNonQuery();
        return $"generated in {timer.Elapsed.TotalSeconds:F1} s";
    }

    private static bool Exists(DuckDBConnection connection) =>
        Scalar(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'silver' AND table_name = 'orders'") is long n && n > 0;

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

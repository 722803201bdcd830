using MeshPortal.DataPlane.Sources;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>
/// The "table or query" check of every dialect, without a server: SQL Server and MySQL cannot run here, so their
/// quoting and their statement rules are tested on the text.
/// </summary>
public sealed class RelationalStatementTests
{
    [Theory]
    [InlineData(RelationalKind.PostgreSql, "orders", "SELECT * FROM \"orders\"", "orders")]
    [InlineData(RelationalKind.PostgreSql, "Sales.Orders", "SELECT * FROM \"sales\".\"orders\"", "Sales.Orders")]
    [InlineData(RelationalKind.PostgreSql, "\"Sales\".\"Order \"\"Lines\"\"\"", "SELECT * FROM \"Sales\".\"Order \"\"Lines\"\"\"", "Sales.Order \"Lines\"")]
    [InlineData(RelationalKind.SqlServer, "dbo.Orders", "SELECT * FROM [dbo].[Orders]", "dbo.Orders")]
    [InlineData(RelationalKind.SqlServer, "[dbo].[Order Details]", "SELECT * FROM [dbo].[Order Details]", "dbo.Order Details")]
    [InlineData(RelationalKind.SqlServer, "\"odd]name\"", "SELECT * FROM [odd]]name]", "odd]name")]
    [InlineData(RelationalKind.MySql, "shop.orders", "SELECT * FROM `shop`.`orders`", "shop.orders")]
    [InlineData(RelationalKind.MySql, "`order lines`", "SELECT * FROM `order lines`", "order lines")]
    [InlineData(RelationalKind.MySql, "`a``b`;", "SELECT * FROM `a``b`", "a`b")]
    [InlineData(RelationalKind.Sqlite, "main.[Order Lines]", "SELECT * FROM \"main\".\"Order Lines\"", "main.Order Lines")]
    [InlineData(RelationalKind.Sqlite, "Straße_2", "SELECT * FROM \"Straße_2\"", "Straße_2")]
    public void TableNames_AreQuotedForTheDialect(RelationalKind kind, string text, string sql, string display)
    {
        var statement = RelationalStatement.Parse(kind, text);

        Assert.True(statement.IsTable);
        Assert.Equal(sql, statement.Sql);
        Assert.Equal(display, statement.Table);
    }

    [Theory]
    [InlineData(RelationalKind.PostgreSql, "db.sales.orders")]
    [InlineData(RelationalKind.PostgreSql, "orders o")]
    [InlineData(RelationalKind.PostgreSql, "orders; drop table orders")]
    [InlineData(RelationalKind.PostgreSql, "\"unterminated")]
    [InlineData(RelationalKind.PostgreSql, "[orders]")]
    [InlineData(RelationalKind.MySql, "[orders]")]
    [InlineData(RelationalKind.SqlServer, "`orders`")]
    [InlineData(RelationalKind.SqlServer, "1orders")]
    public void NotATableNorAQuery_IsRefused(RelationalKind kind, string text)
    {
        var error = Assert.Throws<DataPlaneException>(() => RelationalStatement.Parse(kind, text));

        Assert.Contains("is neither a table name", error.Message);
    }

    [Theory]
    [InlineData(RelationalKind.PostgreSql, "SELECT 1;", "SELECT 1")]
    [InlineData(RelationalKind.PostgreSql, "  (SELECT 1) UNION (SELECT 2) ;; ", "(SELECT 1) UNION (SELECT 2)")]
    [InlineData(RelationalKind.PostgreSql, "SELECT 'a;b', $$delete; insert$$, $t$ ; $t$ -- drop\n/* update; */ FROM t", null)]
    [InlineData(RelationalKind.PostgreSql, "select \"update\", \"into\" from t", null)]
    [InlineData(RelationalKind.PostgreSql, "WITH x AS (SELECT 1) SELECT * FROM x", null)]
    [InlineData(RelationalKind.PostgreSql, "SELECT 1 -- the end;", null)]
    [InlineData(RelationalKind.SqlServer, "SELECT [set], [use] FROM [delete] WHERE x = N'drop; exec'", null)]
    [InlineData(RelationalKind.MySql, "SELECT `insert` FROM t WHERE a = 'it''s' # delete\n", null)]
    [InlineData(RelationalKind.MySql, "SELECT CAST(x AS CHAR CHARACTER SET utf8mb4), REPLACE(name, 'a', 'b') FROM t", null)]
    [InlineData(RelationalKind.Sqlite, "SELECT [into], `update` FROM t", null)]
    public void ReadOnlyQueries_AreAccepted(RelationalKind kind, string text, string? sql)
    {
        var statement = RelationalStatement.Parse(kind, text);

        Assert.False(statement.IsTable);
        Assert.Null(statement.Table);
        Assert.Equal(sql ?? text.Trim(), statement.Sql);
    }

    [Theory]
    // Another statement after a ';', whatever hides it.
    [InlineData(RelationalKind.PostgreSql, "SELECT 1; DELETE FROM t", "single statement")]
    [InlineData(RelationalKind.PostgreSql, "SELECT 1; /* comment */ SELECT 2", "single statement")]
    // Writes inside a query.
    [InlineData(RelationalKind.PostgreSql, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "contains DELETE")]
    [InlineData(RelationalKind.PostgreSql, "SELECT * INTO t2 FROM t", "contains INTO")]
    [InlineData(RelationalKind.PostgreSql, "SELECT * FROM t FOR UPDATE", "contains UPDATE")]
    [InlineData(RelationalKind.PostgreSql, "SELECT * FROM t FOR SHARE", "may not lock rows")]
    // A backslash may or may not end a string on the server: both readings must be safe.
    [InlineData(RelationalKind.PostgreSql, "SELECT E'\\' ; DELETE FROM t; --'", "single statement")]
    [InlineData(RelationalKind.MySql, "SELECT 'a\\' , 1; DELETE FROM t -- '", "single statement")]
    // MySQL runs /*! … */ and treats --x as arithmetic, not as a comment.
    [InlineData(RelationalKind.MySql, "SELECT 1 /*! ; DELETE FROM t */", "single statement")]
    [InlineData(RelationalKind.MySql, "SELECT 1 --x\n; DELETE FROM t", "single statement")]
    [InlineData(RelationalKind.MySql, "SELECT * FROM t LOCK IN SHARE MODE", "contains LOCK")]
    [InlineData(RelationalKind.MySql, "SELECT * FROM t INTO OUTFILE '/tmp/x'", "contains INTO")]
    // T-SQL needs no ';' between statements.
    [InlineData(RelationalKind.SqlServer, "SELECT 1 DROP TABLE t", "contains DROP")]
    [InlineData(RelationalKind.SqlServer, "SELECT 1 EXEC xp_cmdshell 'dir'", "contains EXEC")]
    [InlineData(RelationalKind.SqlServer, "SELECT * FROM OPENROWSET('SQLNCLI', 'x', 'y')", "contains OPENROWSET")]
    [InlineData(RelationalKind.SqlServer, "SELECT 1 SET CONTEXT_INFO 0x01", "contains SET")]
    // Not a query at all.
    [InlineData(RelationalKind.Sqlite, "UPDATE t SET a = 1", "UPDATE statements are refused")]
    [InlineData(RelationalKind.PostgreSql, "COPY t TO '/tmp/x'", "COPY statements are refused")]
    [InlineData(RelationalKind.PostgreSql, "CALL do_things()", "CALL statements are refused")]
    [InlineData(RelationalKind.PostgreSql, "   ", "Enter a table name")]
    public void QueriesThatDoMoreThanRead_AreRefused(RelationalKind kind, string text, string reason)
    {
        var error = Assert.Throws<DataPlaneException>(() => RelationalStatement.Parse(kind, text));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void NoRowsSql_WrapsQueriesAndFiltersTables()
    {
        Assert.Equal("SELECT * FROM \"t\" WHERE 1 = 0", RelationalStatement.Parse(RelationalKind.PostgreSql, "t").NoRowsSql);
        Assert.Equal("SELECT * FROM (\nSELECT 1 -- note\n) AS meshportal_check LIMIT 0",
            RelationalStatement.Parse(RelationalKind.MySql, "SELECT 1 -- note").NoRowsSql);
    }
}

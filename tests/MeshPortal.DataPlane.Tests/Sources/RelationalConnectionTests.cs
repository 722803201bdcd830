using MeshPortal.DataPlane.Sources;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>
/// Connection strings of every kind, without a server: what is checked before one is stored, how it is described in
/// the UI, and the settings the portal forces when it opens one. (SQL Server and MySQL cannot run here.)
/// </summary>
public sealed class RelationalConnectionTests : IDisposable
{
    const string Password = "Pa55-Xyzzy-S3cret";

    readonly string root = Directory.CreateTempSubdirectory("meshportal-conn-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(RelationalKind.PostgreSql, $"Host=10.0.0.5;Port=5432;Database=sales;Username=postgres;Password={Password}", "postgres@10.0.0.5:5432/sales")]
    [InlineData(RelationalKind.PostgreSql, $"Host=db;Username=app;Password={Password}", "app@db:5432/app")]
    [InlineData(RelationalKind.SqlServer, $"Server=tcp:sql.example,1433;Database=sales;User Id=reader;Password={Password};Encrypt=true", "reader@tcp:sql.example,1433/sales")]
    [InlineData(RelationalKind.SqlServer, "Server=sql;Initial Catalog=sales;Integrated Security=true", "(integrated security)@sql/sales")]
    [InlineData(RelationalKind.MySql, $"Server=db.example;Database=shop;User ID=app;Password={Password}", "app@db.example:3306/shop")]
    [InlineData(RelationalKind.MySql, $"Server=db;Port=3307;Uid=app;Pwd={Password}", "app@db:3307/(no database)")]
    [InlineData(RelationalKind.Sqlite, "Data Source=/srv/sources/shop.db", "/srv/sources/shop.db")]
    [InlineData(RelationalKind.PostgreSql, $"Host=db;Password={Password};Port=banana", "invalid PostgreSQL connection string")]
    public void Describe_SaysWhereItPoints_WithoutSecrets(RelationalKind kind, string connection, string expected)
    {
        var description = RelationalConnection.Describe(kind, connection);

        Assert.Equal(expected, description);
        Assert.DoesNotContain(Password, description);
    }

    [Theory]
    [InlineData(RelationalKind.PostgreSql, $"Host=db;Password={Password};Colour=blue", "has a setting 'colour' that PostgreSQL does not know")]
    [InlineData(RelationalKind.PostgreSql, $"Host=db;Password={Password};Port={Password}", "has an invalid value for 'port'")]
    [InlineData(RelationalKind.PostgreSql, $"Password={Password};Database=x", "needs 'Host'")]
    [InlineData(RelationalKind.PostgreSql, $"Host=db;Password={Password};Oops", "is malformed at character")]
    [InlineData(RelationalKind.SqlServer, $"Server=sql;Password={Password};Port=1433", "has a setting 'port' that SQL Server does not know")]
    [InlineData(RelationalKind.SqlServer, $"Server=sql;Password={Password};Connect Timeout={Password}", "has an invalid value for 'connect timeout'")]
    [InlineData(RelationalKind.SqlServer, $"Database=x;Password={Password}", "needs 'Server'")]
    [InlineData(RelationalKind.MySql, $"Server=db;Password={Password};Colour=blue", "has a setting 'colour' that MySQL does not know")]
    [InlineData(RelationalKind.MySql, $"Server=db;Password={Password};Pooling={Password}", "has an invalid value for 'pooling'")]
    [InlineData(RelationalKind.MySql, $"Database=x;Password={Password}", "needs 'Server'")]
    [InlineData(RelationalKind.Sqlite, "Data Source=:memory:", "needs 'Data Source'")]
    [InlineData(RelationalKind.Sqlite, "Data Source=file:shop.db?mode=rw", "not a 'file:' URI")]
    [InlineData(RelationalKind.Sqlite, "Data Source=/etc/passwd", "must lie under the allowed folder")]
    [InlineData(RelationalKind.Sqlite, "Data Source=../outside.db", "must lie under the allowed folder")]
    [InlineData(RelationalKind.Sqlite, "Data Source=shop.db;Server=x", "has a setting 'server' that SQLite does not know")]
    [InlineData(RelationalKind.MySql, "", "Enter the MySQL connection string")]
    public void Validate_NamesTheBadSetting_NeverItsValue(RelationalKind kind, string connection, string expected)
    {
        var error = Assert.Throws<DataPlaneException>(() => RelationalConnection.Validate(kind, connection, root));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Theory]
    [InlineData(RelationalKind.PostgreSql, "Host=db;Port=5433;Database=sales;Username=app;Password=x;SSL Mode=Require")]
    [InlineData(RelationalKind.SqlServer, "Server=tcp:sql,1433;Database=sales;User Id=app;Password=x;TrustServerCertificate=true")]
    [InlineData(RelationalKind.MySql, "Server=db;Database=shop;User ID=app;Password=x;SslMode=Required")]
    [InlineData(RelationalKind.Sqlite, "Data Source=shop.db")]
    [InlineData(RelationalKind.Sqlite, "Data Source=sub/dir/shop.db;Cache=Shared")]
    public void Validate_AcceptsUsualConnectionStrings(RelationalKind kind, string connection) =>
        RelationalConnection.Validate(kind, connection, root);

    [Fact]
    public void Sqlite_IsRefused_WhenNoFolderIsAllowed()
    {
        var error = Assert.Throws<DataPlaneException>(() => RelationalConnection.Validate(RelationalKind.Sqlite, "Data Source=shop.db", null));

        Assert.Contains("MeshPortal:DataPlane:AllowedFileRoot", error.Message);
    }

    [Fact]
    public void Create_ForcesThePortalsSettings()
    {
        var timeout = TimeSpan.FromSeconds(7);
        var limit = TimeSpan.FromMinutes(2);

        using var pg = (NpgsqlConnection)RelationalConnection.Create(RelationalKind.PostgreSql, "Host=db;Username=u;Password=p", root, timeout, limit);
        using var sql = (SqlConnection)RelationalConnection.Create(RelationalKind.SqlServer, "Server=db;User Id=u;Password=p", root, timeout, limit);
        using var my = (MySqlConnection)RelationalConnection.Create(RelationalKind.MySql, "Server=db;User ID=u;Password=p;AllowLoadLocalInfile=true", root, timeout, limit);
        using var lite = (SqliteConnection)RelationalConnection.Create(RelationalKind.Sqlite, "Data Source=shop.db;Mode=ReadWriteCreate", root, timeout, limit);

        var pgSettings = new NpgsqlConnectionStringBuilder(pg.ConnectionString);
        Assert.Equal((7, 120), (pgSettings.Timeout, pgSettings.CommandTimeout));
        var sqlSettings = new SqlConnectionStringBuilder(sql.ConnectionString);
        Assert.Equal((7, 120, ApplicationIntent.ReadOnly), (sqlSettings.ConnectTimeout, sqlSettings.CommandTimeout, sqlSettings.ApplicationIntent));
        var mySettings = new MySqlConnectionStringBuilder(my.ConnectionString);
        Assert.Equal((7u, 120u, false), (mySettings.ConnectionTimeout, mySettings.DefaultCommandTimeout, mySettings.AllowLoadLocalInfile));
        var liteSettings = new SqliteConnectionStringBuilder(lite.ConnectionString);
        Assert.Equal((SqliteOpenMode.ReadOnly, Path.Combine(root, "shop.db"), 120), (liteSettings.Mode, liteSettings.DataSource, liteSettings.DefaultTimeout));
    }

    [Theory]
    [InlineData("Host=db;Timeout=3", 3)]
    [InlineData("Host=db;Timeout=300", 7)]
    [InlineData("Host=db", 7)]
    public void ConnectTimeout_MayBeShortenedByTheConnectionString_NotLengthened(string connection, int expected)
    {
        using var pg = RelationalConnection.Create(RelationalKind.PostgreSql, connection, root, TimeSpan.FromSeconds(7), TimeSpan.Zero);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(pg.ConnectionString).Timeout);
    }

    [Fact]
    public void Secrets_AreFoundUnderEveryName()
    {
        var secrets = RelationalConnection.Secrets("Server=db;Pwd=one;Password='two;2';User=x");

        Assert.Contains("one", secrets);
        Assert.Contains("two;2", secrets);
        Assert.DoesNotContain("x", secrets);
    }
}

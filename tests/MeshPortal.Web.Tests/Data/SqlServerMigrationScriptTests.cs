using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace MeshPortal.Web.Tests.Data;

/// <summary>No SQL Server runs here, so the T-SQL the operator deploys is proven by parsing it.</summary>
public class SqlServerMigrationScriptTests
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var db = new SqlServerMeshDbContext(new DbContextOptionsBuilder<SqlServerMeshDbContext>()
            .UseSqlServer("Server=none;Database=x;TrustServerCertificate=True").Options);
        return db.GetService<IMigrator>().GenerateScript();
    });

    /// <summary>ScriptDom understands EF's GO batch separators, as sqlcmd and SSMS do.</summary>
    private static TSqlFragment Parse(out IList<ParseError> errors) =>
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(Script.Value), out errors);

    [Fact]
    public void Script_ParsesAsTSqlWithoutErrors()
    {
        Parse(out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void Script_CreatesTheMetadataTables()
    {
        var visitor = new CreateTableCollector();
        Parse(out _).Accept(visitor);

        Assert.Superset(new HashSet<string> { "Quanta", "Domains", "Ports", "Users", "AccessTokens", "DomainMembers", "__EFMigrationsHistory" }, visitor.Tables.ToHashSet());
    }

    [Fact]
    public void Script_EnforcesUniqueSlugsAndTokenHashes()
    {
        Assert.Contains("CREATE UNIQUE INDEX [IX_Domains_Slug]", Script.Value);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Quanta_DomainId_Slug]", Script.Value);
        Assert.Contains("CREATE UNIQUE INDEX [IX_AccessTokens_TokenHash]", Script.Value);
    }

    [Fact]
    public void Script_RecordsEveryMigrationOfTheAssembly()
    {
        using var db = new SqlServerMeshDbContext(new DbContextOptionsBuilder<SqlServerMeshDbContext>()
            .UseSqlServer("Server=none;Database=x;TrustServerCertificate=True").Options);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, m => Assert.Contains($"N'{m}'", Script.Value));
    }

    private sealed class CreateTableCollector : TSqlFragmentVisitor
    {
        public List<string> Tables { get; } = [];

        public override void Visit(CreateTableStatement node) => Tables.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }
}

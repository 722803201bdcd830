using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Data;

/// <summary>A model change without a migration for each provider fails here, not in production.</summary>
public class PendingModelChangesTests
{
    [Fact]
    public void Sqlite_HasAMigrationForEveryModelChange()
    {
        using var db = new SqliteMeshDbContext(new DbContextOptionsBuilder<SqliteMeshDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes without a migration: add one under migrations/Sqlite.");
    }

    [Fact]
    public void SqlServer_HasAMigrationForEveryModelChange()
    {
        using var db = new SqlServerMeshDbContext(new DbContextOptionsBuilder<SqlServerMeshDbContext>().UseSqlServer("Server=none;Database=x;TrustServerCertificate=True").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model has changes without a migration: add one under migrations/SqlServer.");
    }
}

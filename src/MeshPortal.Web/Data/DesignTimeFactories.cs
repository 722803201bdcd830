using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeshPortal.Web.Data;

/// <summary>Used by dotnet-ef only: `dotnet ef migrations add X --context SqliteMeshDbContext -o ../../migrations/Sqlite`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMeshDbContext>
{
    public SqliteMeshDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMeshDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>No server is needed: migrations and scripts are generated from the model alone.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerMeshDbContext>
{
    public SqlServerMeshDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMeshDbContext>().UseSqlServer("Server=design-time;Database=MeshPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

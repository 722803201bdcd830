namespace MeshPortal.Web.Data;

/// <summary>`MeshPortal:Database`: SQLite in the data folder unless a SQL Server connection string is given.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "MeshPortal:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Required for SQL Server. For SQLite it defaults to meshportal.db in the data folder.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>SQL Server only: apply migrations at start-up instead of deploying the script. SQLite always migrates.</summary>
    public bool ApplyMigrationsAtStartup { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

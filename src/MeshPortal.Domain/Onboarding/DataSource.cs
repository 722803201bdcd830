namespace MeshPortal.Domain.Onboarding;

public enum SourceKind { Upload, ServerFile, Sqlite, PostgreSql, SqlServer, MySql, Composition }

/// <summary>
/// Where a quantum's data comes from, and which schema object of which output port it feeds. Connection strings
/// are stored encrypted (ASP.NET Data Protection) and never shown back.
/// </summary>
public sealed class DataSource : IAuditable
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuantumId { get; set; }
    /// <summary>Unique within the quantum.</summary>
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    /// <summary>Files: csv | parquet | jsonl.</summary>
    public string? Format { get; set; }
    /// <summary>Files: where the file is on the server (the stored upload, or a path under the allowed root).</summary>
    public string? FilePath { get; set; }
    /// <summary>Uploads: the name the user's file had.</summary>
    public string? OriginalFileName { get; set; }
    public long? SizeBytes { get; set; }
    /// <summary>Relational sources: the connection string, encrypted.</summary>
    public string? ProtectedConnection { get; set; }
    /// <summary>Relational: a table name or a SELECT. Composition: the SELECT over the input ports' tables.</summary>
    public string? Query { get; set; }
    /// <summary>The output port this source feeds (its contract version validates the rows).</summary>
    public required string OutputPort { get; set; }
    /// <summary>The schema object of that contract the rows are.</summary>
    public required string ObjectName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public bool IsFile => Kind is SourceKind.Upload or SourceKind.ServerFile;
    public bool IsRelational => Kind is SourceKind.Sqlite or SourceKind.PostgreSql or SourceKind.SqlServer or SourceKind.MySql;
}

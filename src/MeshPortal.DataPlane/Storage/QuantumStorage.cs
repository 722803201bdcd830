using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Storage;

/// <summary>Each quantum's own storage: one DuckDB database file and a folder of uploaded files under the root.</summary>
public sealed class QuantumStorage(DataPlaneOptions options)
{
    string Folder(Guid quantumId) => Path.Combine(Path.GetFullPath(options.RootPath), quantumId.ToString("N"));

    public string DatabasePath(Guid quantumId) => Path.Combine(Folder(quantumId), "data.duckdb");

    /// <summary>Where uploads of the quantum are kept.</summary>
    public string FilesDirectory(Guid quantumId) => Path.Combine(Folder(quantumId), "files");

    public bool Exists(Guid quantumId) => File.Exists(DatabasePath(quantumId));

    /// <summary>An open connection to the quantum's database (created with its schemas on first use).</summary>
    public async Task<DuckDBConnection> OpenAsync(Guid quantumId, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder(quantumId));
        var connection = new DuckDBConnection($"Data Source={DatabasePath(quantumId)}");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Removes the quantum's database and files (when the quantum is deleted).</summary>
    public void Delete(Guid quantumId)
    {
        if (Directory.Exists(Folder(quantumId))) Directory.Delete(Folder(quantumId), recursive: true);
    }
}

using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Copies a source into a new DuckDB table of text columns (the bronze staging table). Implementations stream:
/// nothing larger than a batch is held in memory.
/// </summary>
public interface ISourceReader
{
    bool CanRead(SourceSpec source);

    /// <summary>
    /// Creates <paramref name="table"/> (every column VARCHAR, named as in the source) in the open connection and
    /// fills it; reports the rows read so far through <paramref name="rowsRead"/>. Throws <see cref="DataPlaneException"/>
    /// with a reason a user understands when the source cannot be read.
    /// </summary>
    Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken);
}

using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Copies a source into a new DuckDB table of text columns (the bronze staging table). Implementations stream:
/// nothing larger than a batch is held in memory. Files DuckDB reads itself are not copied by onboarding: their readers
/// are <see cref="FileReader"/>s, which onboarding scans where the file lies.
/// </summary>
public interface ISourceReader
{
    bool CanRead(SourceSpec source);

    /// <summary>
    /// Creates <paramref name="table"/> (every column VARCHAR, named as in the source) in the open connection and
    /// fills it in source order; reports the rows read so far through <paramref name="rowsRead"/>. Throws <see cref="DataPlaneException"/>
    /// with a reason a user understands when the source cannot be read.
    /// </summary>
    /// <param name="table">
    /// A qualified name <c>schema.name</c> made of lower-case letters, digits and '_' only (e.g. <c>bronze._stage_1f0c…</c>),
    /// so it can be used in SQL as it is and split on the dot for an appender.
    /// </param>
    Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken);

    /// <summary>
    /// The table (in the same connection, usually a temporary one) where the reader kept the records it could not
    /// parse, or null when it keeps none. Its columns: <c>line</c> BIGINT (the line in the source file), <c>reason</c>
    /// VARCHAR (what was wrong, starting with the line), <c>raw</c> VARCHAR (the text as read). The engine quarantines them
    /// and drops the table.
    /// </summary>
    string? RejectsTable(string table) => null;
}

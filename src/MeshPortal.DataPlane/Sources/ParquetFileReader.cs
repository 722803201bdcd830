using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Parquet files, read by DuckDB's Parquet reader. Bronze keeps every value as text: scalars as DuckDB writes them
/// (2024-01-31, 12.50, true), nested values (lists, structs, maps) as JSON.
/// </summary>
public sealed class ParquetFileReader : ISourceReader
{
    public bool CanRead(SourceSpec source) => source is FileSource { Format: FileFormat.Parquet };

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken)
    {
        var path = FileSources.CheckedPath(source, FileFormat.Parquet);
        var scan = $"read_parquet({Quote.Literal(path)})";
        try
        {
            var columns = await Db.ListAsync(connection, $"DESCRIBE SELECT * FROM {scan}", r => (Name: r.GetString(0), Type: r.GetString(1)), cancellationToken);
            var select = string.Join(", ", columns.Select(c => $"{AsText(Quote.Identifier(c.Name), c.Type)} AS {Quote.Identifier(c.Name)}"));
            await Db.ExecuteAsync(connection, $"CREATE TABLE {table} AS SELECT {select} FROM {scan}", cancellationToken);
        }
        catch (DuckDBException e)
        {
            var message = FileSources.Message(e, path);
            throw new DataPlaneException(message.Contains("magic bytes", StringComparison.OrdinalIgnoreCase)
                ? $"'{Path.GetFileName(path)}' is not a Parquet file."
                : $"'{Path.GetFileName(path)}' could not be read as Parquet: {message}", e);
        }
        var rows = await Db.CountAsync(connection, table, cancellationToken);
        rowsRead.Report(rows);
        return rows;
    }

    /// <summary>Nested types as JSON (a list, struct, map or union); everything else cast to text.</summary>
    internal static string AsText(string column, string duckDbType) =>
        duckDbType.EndsWith(']') || duckDbType.StartsWith("STRUCT", StringComparison.OrdinalIgnoreCase)
        || duckDbType.StartsWith("MAP", StringComparison.OrdinalIgnoreCase) || duckDbType.StartsWith("UNION", StringComparison.OrdinalIgnoreCase)
            ? $"CAST(to_json({column}) AS VARCHAR)"
            : $"CAST({column} AS VARCHAR)";
}

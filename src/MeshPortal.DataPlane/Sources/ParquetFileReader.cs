using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Parquet files, read by DuckDB's Parquet reader. Bronze keeps every value as text: scalars as DuckDB writes them
/// (2024-01-31, 12.50, true), nested values (lists, structs, maps) as JSON.
/// </summary>
public sealed class ParquetFileReader : FileReader
{
    public override FileFormat Format => FileFormat.Parquet;

    public override async Task<FileScan> ScanAsync(DuckDBConnection connection, string path, string table, CancellationToken cancellationToken)
    {
        var read = $"read_parquet({Quote.Literal(path)})";
        List<(string Name, string Type)> columns;
        long? rows;
        try
        {
            columns = await Db.ListAsync(connection, $"DESCRIBE SELECT * FROM {read}", r => (r.GetString(0), r.GetString(1)), cancellationToken);
            // Parquet's footer holds the row count: DuckDB answers from it without reading the data.
            rows = await Db.ScalarAsync(connection, $"SELECT count(*) FROM {read}", cancellationToken) as long?;
        }
        catch (DuckDBException e)
        {
            throw Explain(e, path);
        }
        var values = string.Join(", ", columns.Select(c => $"{AsText(Quote.Identifier(c.Name), c.Type)} AS {Quote.Identifier(c.Name)}"));
        return new FileScan($"SELECT {values} FROM {read}", at => $"SELECT {values} FROM read_parquet({Quote.Literal(at)})", columns.Select(c => c.Name).ToList())
        {
            ExplainAsync = (e, _) => Task.FromResult(Explain(e, path)),
            EstimatedRows = rows,
        };
    }

    static DataPlaneException Explain(DuckDBException e, string path)
    {
        var message = FileSources.Message(e, path);
        return new DataPlaneException(message.Contains("magic bytes", StringComparison.OrdinalIgnoreCase)
            ? $"'{Path.GetFileName(path)}' is not a Parquet file."
            : $"'{Path.GetFileName(path)}' could not be read as Parquet: {message}", e);
    }

    /// <summary>Nested types as JSON (a list, struct, map or union); everything else cast to text.</summary>
    internal static string AsText(string column, string duckDbType) =>
        duckDbType.EndsWith(']') || duckDbType.StartsWith("STRUCT", StringComparison.OrdinalIgnoreCase)
        || duckDbType.StartsWith("MAP", StringComparison.OrdinalIgnoreCase) || duckDbType.StartsWith("UNION", StringComparison.OrdinalIgnoreCase)
            ? $"CAST(to_json({column}) AS VARCHAR)"
            : $"CAST({column} AS VARCHAR)";
}

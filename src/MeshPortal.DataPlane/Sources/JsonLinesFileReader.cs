using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// JSON lines (one object per line), read by DuckDB's JSON reader. The columns are the keys found in the whole file;
/// bronze keeps every value as text: strings as they are, numbers and booleans as written, nested values as JSON.
/// A line that is not a JSON object fails the run with its line number.
/// </summary>
public sealed class JsonLinesFileReader : ISourceReader
{
    public bool CanRead(SourceSpec source) => source is FileSource { Format: FileFormat.JsonLines };

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken)
    {
        var path = FileSources.CheckedPath(source, FileFormat.JsonLines);
        var file = Quote.Literal(path);
        try
        {
            // maximum_depth = 1 finds every key of the whole file without inferring types below the first level.
            var keys = await Db.ListAsync(connection,
                $"DESCRIBE SELECT * FROM read_json({file}, format = 'newline_delimited', records = true, maximum_depth = 1, sample_size = -1)",
                r => r.GetString(0), cancellationToken);
            var columns = string.Join(", ", keys.Select(k => $"{Quote.Literal(k)}: 'VARCHAR'"));
            await Db.ExecuteAsync(connection,
                $"CREATE TABLE {table} AS SELECT * FROM read_json({file}, format = 'newline_delimited', records = true, columns = {{{columns}}})",
                cancellationToken);
        }
        catch (DuckDBException e)
        {
            var message = FileSources.Message(e, path);
            if (!message.Contains("non-record", StringComparison.OrdinalIgnoreCase))
                throw new DataPlaneException($"'{Path.GetFileName(path)}' could not be read as JSON lines: {message}", e);
            var line = await FirstLineNotAnObjectAsync(path, cancellationToken);
            throw new DataPlaneException($"'{Path.GetFileName(path)}' is not JSON lines: each line must be one JSON object ({{\"column\": value, …}})"
                + (line is null ? "." : $", but line {line} is not."), e);
        }
        var rows = await Db.CountAsync(connection, table, cancellationToken);
        rowsRead.Report(rows);
        return rows;
    }

    /// <summary>DuckDB says that some line is not an object but not which: the first non-empty line that does not start with '{'.</summary>
    static async Task<long?> FirstLineNotAnObjectAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            var text = line.TrimStart();
            if (text.Length > 0 && text[0] != '{') return number;
        }
        return null;
    }
}

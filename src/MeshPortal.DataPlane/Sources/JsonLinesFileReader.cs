using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// JSON lines (one object per line), read by DuckDB's JSON reader. The columns are the keys found in the whole file;
/// bronze keeps every value as text: strings as they are, numbers and booleans as written, nested values as JSON.
/// A line that is not a JSON object fails the run with its line number.
/// </summary>
public sealed class JsonLinesFileReader : FileReader
{
    public override FileFormat Format => FileFormat.JsonLines;

    public override async Task<FileScan> ScanAsync(DuckDBConnection connection, string path, string table, CancellationToken cancellationToken)
    {
        List<string> keys;
        try
        {
            // maximum_depth = 1 finds every key of the whole file without inferring types below the first level.
            keys = await Db.ListAsync(connection,
                $"DESCRIBE SELECT * FROM read_json({Quote.Literal(path)}, format = 'newline_delimited', records = true, maximum_depth = 1, sample_size = -1)",
                r => r.GetString(0), cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw await ExplainAsync(e, path, cancellationToken);
        }
        var columns = string.Join(", ", keys.Select(k => $"{Quote.Literal(k)}: 'VARCHAR'"));
        string Select(string at) => $"SELECT * FROM read_json({Quote.Literal(at)}, format = 'newline_delimited', records = true, columns = {{{columns}}})";
        return new FileScan(Select(path), Select, keys)
        {
            ExplainAsync = (e, token) => ExplainAsync(e, path, token),
            EstimatedRows = RowEstimate.OfLines(path, headerLines: 0),
        };
    }

    static async Task<DataPlaneException> ExplainAsync(DuckDBException e, string path, CancellationToken cancellationToken)
    {
        var message = FileSources.Message(e, path);
        if (!message.Contains("non-record", StringComparison.OrdinalIgnoreCase))
            return new DataPlaneException($"'{Path.GetFileName(path)}' could not be read as JSON lines: {message}", e);
        var line = await FirstLineNotAnObjectAsync(path, cancellationToken);
        return new DataPlaneException($"'{Path.GetFileName(path)}' is not JSON lines: each line must be one JSON object ({{\"column\": value, …}})"
            + (line is null ? "." : $", but line {line} is not."), e);
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

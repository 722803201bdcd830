using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Turns DuckDB's CSV reject errors into the rejects table the engine quarantines: one row per bad line with its line
/// number in the file and the reasons in words. DuckDB's own line counter counts records (a quoted value spanning two
/// lines counts once), so the line is recomputed from the byte position DuckDB gives.
/// </summary>
internal static partial class CsvRejects
{
    sealed record Error(ulong Position, string? Column, string Type, string? Line, string? Message);

    /// <summary>Creates the temporary table <paramref name="target"/> (line, reason, raw) and returns the first reasons, in file order.</summary>
    public static async Task<IReadOnlyList<string>> KeepAsync(DuckDBConnection connection, string path, string errorsTable, string target,
        CancellationToken cancellationToken)
    {
        var errors = await Db.ListAsync(connection,
            $"SELECT line_byte_position, column_name, CAST(error_type AS VARCHAR), csv_line, error_message FROM {errorsTable} ORDER BY line_byte_position, column_idx",
            r => new Error(Convert.ToUInt64(r.GetValue(0)), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)), cancellationToken);
        if (errors.Count == 0) return [];

        var positions = errors.Select(e => e.Position).Distinct().ToList();
        var lines = await LinesAtAsync(path, positions, cancellationToken);
        await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP TABLE {Quote.Identifier(target)} (line BIGINT, reason VARCHAR, raw VARCHAR)", cancellationToken);
        var first = new List<string>();
        await Task.Run(() =>
        {
            using var appender = connection.CreateAppender("temp", "main", target);
            foreach (var group in errors.GroupBy(e => e.Position))
            {
                var line = lines[group.Key];
                var reason = $"line {line}: " + string.Join("; ", group.Select(Reason).Distinct());
                if (first.Count < 10) first.Add(reason);
                var raw = group.First().Line?.TrimStart('\n').TrimEnd('\r', '\n');
                appender.CreateRow().AppendValue(line).AppendValue(reason).AppendValue(raw).EndRow();
            }
        }, cancellationToken);
        return first;
    }

    static string Reason(Error error) => error.Type switch
    {
        "MISSING COLUMNS" or "TOO MANY COLUMNS" when ColumnCounts().Match(error.Message ?? "") is { Success: true } m
            => $"{m.Groups[2].Value} values where the header has {m.Groups[1].Value} columns",
        "MISSING COLUMNS" => "too few values for the header's columns",
        "TOO MANY COLUMNS" => "more values than the header has columns",
        "UNQUOTED VALUE" => "bad quoting: a quote is not closed, or text follows a closing quote"
                            + (error.Column is null ? "" : $" (column {error.Column})"),
        "INVALID ENCODING" or "INVALID UNICODE" => "not valid UTF-8 text" + (error.Column is null ? "" : $" (column {error.Column})") + ": save the file as UTF-8",
        "LINE SIZE OVER MAXIMUM" => "the line is longer than the reader's maximum line size",
        _ => (error.Column is null ? "" : $"column {error.Column}: ") + (error.Message ?? error.Type),
    };

    /// <summary>For each DuckDB byte position (just past the start of the line), the 1-based line number: one more than the newlines before it.</summary>
    static async Task<Dictionary<ulong, long>> LinesAtAsync(string path, IReadOnlyList<ulong> sortedPositions, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ulong, long>();
        var buffer = new byte[1 << 20];
        long newlines = 0, offset = 0;
        var next = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        while (next < sortedPositions.Count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) break;
            var done = 0;
            while (next < sortedPositions.Count && (long)sortedPositions[next] <= offset + read)
            {
                var upTo = (int)((long)sortedPositions[next] - offset);
                newlines += buffer.AsSpan(done, upTo - done).Count((byte)'\n');
                done = upTo;
                result[sortedPositions[next++]] = newlines + 1;
            }
            newlines += buffer.AsSpan(done, read - done).Count((byte)'\n');
            offset += read;
        }
        for (; next < sortedPositions.Count; next++) result[sortedPositions[next]] = newlines + 1;
        return result;
    }

    [GeneratedRegex(@"Expected Number of Columns: (\d+) Found: (\d+)")]
    private static partial Regex ColumnCounts();
}

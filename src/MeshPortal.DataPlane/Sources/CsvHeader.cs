using System.Text;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// The first line of a CSV file, read by hand: it gives the delimiter and the column names, which are then handed to
/// DuckDB's reader so that it does not guess them from a sample (a guess that fails on exactly the files that need
/// checking: ragged rows and bad quotes make its sniffer fall back to one column).
/// </summary>
internal sealed record CsvHeader(char Delimiter, IReadOnlyList<string> Columns)
{
    const int MaxHeaderBytes = 1 << 20;
    static readonly char[] Delimiters = [',', ';', '\t', '|'];
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<CsvHeader> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var buffer = new byte[MaxHeaderBytes];
        int length;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous))
            length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        var end = EndOfFirstRecord(buffer.AsSpan(start, length - start));
        if (end < 0)
            throw new DataPlaneException(length == MaxHeaderBytes
                ? $"The first line of '{name}' (its header) is longer than 1 MB, or opens a quote it never closes."
                : $"The header line of '{name}' opens a quote it never closes.");
        string line;
        try
        {
            line = StrictUtf8.GetString(buffer, start, end).TrimEnd('\r');
        }
        catch (DecoderFallbackException)
        {
            throw new DataPlaneException($"The header line of '{name}' is not valid UTF-8 text: save the file as UTF-8.");
        }
        if (line.Trim().Length == 0)
            throw new DataPlaneException($"'{name}' is empty or starts with an empty line: its first line must name the columns.");
        var delimiter = Delimiters.OrderByDescending(d => CountOutsideQuotes(line, d)).First();
        return new CsvHeader(delimiter, UniqueNames(Split(line, delimiter)));
    }

    /// <summary>Where the first record ends (its newline, outside quotes); the whole span when the file is one line; -1 when a quote stays open.</summary>
    static int EndOfFirstRecord(ReadOnlySpan<byte> bytes)
    {
        var quoted = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'"') quoted = !quoted;
            else if (bytes[i] == (byte)'\n' && !quoted) return i;
        }
        return quoted ? -1 : bytes.Length;
    }

    static int CountOutsideQuotes(string line, char delimiter)
    {
        var (count, quoted) = (0, false);
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }

    static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>
    /// Names DuckDB can use: trimmed, an empty one becomes column_N, a repeated one (DuckDB compares names
    /// case-insensitively) gets _2, _3… — as the relational reader does.
    /// </summary>
    static List<string> UniqueNames(List<string> names)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var wanted = names[i].Trim() is { Length: > 0 } trimmed ? trimmed : $"column_{i + 1}";
            var unique = wanted;
            for (var n = 2; !used.Add(unique); n++) unique = $"{wanted}_{n}";
            result.Add(unique);
        }
        return result;
    }
}

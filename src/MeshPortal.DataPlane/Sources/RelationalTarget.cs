using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sources;

/// <summary>The DuckDB table a source is copied into: its name as the engine gives it, its VARCHAR columns, its appender.</summary>
internal static class RelationalTarget
{
    /// <summary>
    /// Splits the engine's table name — <c>name</c>, <c>schema.name</c>, either part optionally in double quotes —
    /// into its unquoted parts.
    /// </summary>
    public static (string? Schema, string Name) ParseName(string table)
    {
        var parts = new List<string>();
        var part = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < table.Length; i++)
        {
            var c = table[i];
            if (c == '"' && quoted && i + 1 < table.Length && table[i + 1] == '"') { part.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == '.' && !quoted) { parts.Add(part.ToString()); part.Clear(); }
            else part.Append(c);
        }
        parts.Add(part.ToString());
        if (parts.Count > 2 || parts.Any(p => p.Length == 0))
            throw new ArgumentException($"'{table}' is not a table name (name or schema.name).", nameof(table));
        return parts.Count == 2 ? (parts[0], parts[1]) : (null, parts[0]);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public static string QuoteName(string table)
    {
        var (schema, name) = ParseName(table);
        return schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";
    }

    /// <summary>
    /// The source's column names made usable as DuckDB columns: an empty name becomes column_N, and a name seen before
    /// (DuckDB compares them case-insensitively, "SELECT a, a" has two) gets a suffix _2, _3…
    /// </summary>
    public static IReadOnlyList<string> UniqueColumnNames(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            var wanted = string.IsNullOrWhiteSpace(name) ? $"column_{index + 1}" : name;
            var unique = wanted;
            for (var n = 2; !used.Add(unique); n++) unique = $"{wanted}_{n}";
            result.Add(unique);
        }
        return result;
    }

    public static async Task CreateVarcharTableAsync(DuckDBConnection connection, string table, IReadOnlyList<string> columns,
        CancellationToken cancellationToken)
    {
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE TABLE {QuoteName(table)} ({string.Join(", ", columns.Select(c => Quote(c) + " VARCHAR"))})";
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public static DuckDBAppender CreateAppender(DuckDBConnection connection, string table)
    {
        var (schema, name) = ParseName(table);
        return schema is null ? connection.CreateAppender(name) : connection.CreateAppender(schema, name);
    }
}

using System.Text.Json;
using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sql;

/// <summary>
/// What a user's SELECT may read, and how messages name it.
/// </summary>
/// <param name="What">How messages name the query, e.g. "the gold query" (they start "The gold query …").</param>
/// <param name="Tables">
/// The tables it may read: <c>silver</c> (a table or view of that unqualified name), <c>silver.*</c> (any table of the
/// schema), <c>input.orders</c>. Null means any table of the database. Files (<c>FROM 'x.csv'</c>) and table functions
/// other than range/generate_series/unnest are never readable.
/// </param>
public sealed record UserSqlScope(string What, IReadOnlyList<string>? Tables = null)
{
    /// <summary>An owner's gold query: it reads the validated rows, as <c>silver</c> or <c>silver.&lt;object&gt;</c>.</summary>
    public static readonly UserSqlScope Gold = new("the gold query", ["silver", "silver.*"]);
}

/// <summary>
/// The guard around SQL written by users (an owner's gold query, a composition, a quality rule): it must be one
/// read-only SELECT over the tables it is meant to read, and it runs with a time limit.
/// </summary>
public static class UserSql
{
    public const int MaxLength = 100_000;

    static readonly string[] ReadOnlyTableFunctions = ["range", "generate_series", "unnest"];
    static readonly string[] SelectKeywords = ["SELECT", "WITH", "FROM", "VALUES", "TABLE"];

    /// <summary>Checks <paramref name="sql"/> against <see cref="UserSqlScope.Tables"/> = any table of the database.</summary>
    public static Task<string> EnsureSingleSelectAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken = default) =>
        EnsureSingleSelectAsync(connection, sql, new UserSqlScope("the query"), cancellationToken);

    /// <summary>
    /// Checks, without running it, that <paramref name="sql"/> is exactly one SELECT (WITH, FROM-first and VALUES forms
    /// included) reading only what <paramref name="scope"/> allows. DuckDB's own parser decides
    /// (<c>json_serialize_sql</c> serializes SELECT statements only, and reports a syntax error with its position).
    /// Returns the statement ready to embed: blanks and trailing semicolons removed.
    /// </summary>
    /// <exception cref="DataPlaneException">The query is empty, not valid SQL, not a single SELECT, or reads something else.</exception>
    public static async Task<string> EnsureSingleSelectAsync(DuckDBConnection connection, string sql, UserSqlScope scope, CancellationToken cancellationToken = default)
    {
        var what = Capitalized(scope.What);
        var text = (sql ?? "").Trim().TrimEnd(';', ' ', '\t', '\r', '\n');
        if (text.Length == 0) throw new DataPlaneException($"{what} is empty: write one SELECT.");
        if (text.Length > MaxLength) throw new DataPlaneException($"{what} is longer than {MaxLength:N0} characters.");
        if (text.Contains('\0')) throw new DataPlaneException($"{what} contains a NUL character.");

        var json = (string?)await Db.ScalarAsync(connection, $"SELECT json_serialize_sql({Quote.Literal(text)})", cancellationToken)
                   ?? throw new InvalidOperationException("json_serialize_sql returned nothing");
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
            throw new DataPlaneException(ParseFailure(what, text, root));
        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() == 0) throw new DataPlaneException($"{what} is empty: write one SELECT.");
        if (statements.GetArrayLength() > 1)
            throw new DataPlaneException($"{what} must be a single SELECT, but it holds {statements.GetArrayLength()} statements separated by ';'.");

        var ctes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CollectCteNames(statements[0], ctes);
        CheckReads(statements[0], scope, what, ctes);
        return text;
    }

    /// <summary>
    /// The same check without a quantum's database (e.g. when an owner saves a gold query): the reason the query would be
    /// refused, or null when it is acceptable. Only parses, on a throwaway in-memory DuckDB.
    /// </summary>
    public static async Task<string?> ProblemAsync(string sql, UserSqlScope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        try
        {
            await EnsureSingleSelectAsync(connection, sql, scope, cancellationToken);
            return null;
        }
        catch (DataPlaneException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Runs <paramref name="commandText"/> (built around a checked SELECT) with <paramref name="run"/>, interrupting DuckDB
    /// when it takes longer than <paramref name="timeout"/> or when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="DataPlaneException">The time limit was reached ("The gold query ran longer than 300 s"), or the query failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<T> RunWithTimeoutAsync<T>(DuckDBConnection connection, string commandText, Func<DuckDBCommand, T> run, TimeSpan timeout,
        string what, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await Db.RunAsync(connection, commandText, run, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DataPlaneException($"{Capitalized(what)} ran longer than {Seconds(timeout)} s and was stopped: make it cheaper (filter or aggregate earlier) or ask an administrator to raise the limit.");
        }
        catch (DuckDBException e)
        {
            throw new DataPlaneException($"{Capitalized(what)} failed: {Db.Message(e)}", e);
        }
    }

    static string Seconds(TimeSpan timeout) => timeout.TotalSeconds >= 10 ? $"{timeout.TotalSeconds:0}" : $"{timeout.TotalSeconds:0.#}";

    static string ParseFailure(string what, string text, JsonElement root)
    {
        var type = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
        var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : null;
        if (type == "parser")
        {
            var at = root.TryGetProperty("position", out var p) && int.TryParse(p.GetString(), out var position) ? $" (at character {position + 1})" : "";
            return $"{what} is not valid SQL: {message}{at}.";
        }
        // json_serialize_sql serializes SELECTs only: anything else, alone or after a first SELECT, ends here.
        var keyword = FirstKeyword(text);
        return SelectKeywords.Contains(keyword, StringComparer.OrdinalIgnoreCase)
            ? $"{what} must be a single SELECT that only reads data: it holds another statement after a ';', or a statement that is not a SELECT."
            : $"{what} must be a single SELECT that only reads data, but it {(keyword.Length > 0 ? "starts with " + keyword.ToUpperInvariant() : "is another statement")}: INSERT, UPDATE, DELETE, CREATE, COPY, ATTACH, SET and the like are refused.";
    }

    /// <summary>The first word of the statement, after blanks, comments and opening parentheses.</summary>
    static string FirstKeyword(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == '(') i++;
            else if (text.AsSpan(i).StartsWith("--")) { var end = text.IndexOf('\n', i); i = end < 0 ? text.Length : end + 1; }
            else if (text.AsSpan(i).StartsWith("/*")) { var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? text.Length : end + 2; }
            else break;
        }
        var start = i;
        while (i < text.Length && char.IsLetter(text[i])) i++;
        return text[start..i];
    }

    static void CollectCteNames(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("cte_map", out var cteMap) && cteMap.TryGetProperty("map", out var map) && map.ValueKind == JsonValueKind.Array)
                    foreach (var entry in map.EnumerateArray())
                        if (entry.TryGetProperty("key", out var key) && key.GetString() is { } name) names.Add(name);
                foreach (var property in element.EnumerateObject()) CollectCteNames(property.Value, names);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CollectCteNames(item, names);
                break;
        }
    }

    static void CheckReads(JsonElement element, UserSqlScope scope, string what, HashSet<string> ctes)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) CheckReads(item, scope, what, ctes);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is "BASE_TABLE" or "SHOW_REF" && Text(element, "table_name") is { Length: > 0 } table)
            CheckTable(Text(element, "catalog_name"), Text(element, "schema_name"), table, scope, what, ctes);
        if (type == "TABLE_FUNCTION" && element.TryGetProperty("function", out var function))
        {
            var name = Text(function, "function_name") ?? "";
            if (!ReadOnlyTableFunctions.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new DataPlaneException($"{what} may only read {Readable(scope)}, but it calls the table function {name}(): functions that read files or the database's internals are refused.");
        }
        foreach (var property in element.EnumerateObject()) CheckReads(property.Value, scope, what, ctes);
    }

    static void CheckTable(string? catalog, string? schema, string table, UserSqlScope scope, string what, HashSet<string> ctes)
    {
        var shown = string.Join('.', new[] { catalog, schema, table }.Where(p => !string.IsNullOrEmpty(p)));
        // An unknown table name that looks like a path makes DuckDB read the file (a "replacement scan").
        if (table.IndexOfAny(['/', '\\', ':']) >= 0 || (string.IsNullOrEmpty(schema) && table.Contains('.') && !ctes.Contains(table)))
            throw new DataPlaneException($"{what} may only read {Readable(scope)}, but it reads '{shown}', which names a file: reading files is refused.");
        if (string.IsNullOrEmpty(schema) && string.IsNullOrEmpty(catalog) && ctes.Contains(table)) return;
        if (scope.Tables is null && string.IsNullOrEmpty(catalog)) return;
        var allowed = string.IsNullOrEmpty(catalog) && (scope.Tables ?? []).Any(entry =>
        {
            var dot = entry.IndexOf('.');
            if (dot < 0) return string.IsNullOrEmpty(schema) && string.Equals(entry, table, StringComparison.OrdinalIgnoreCase);
            if (!string.Equals(entry[..dot], schema, StringComparison.OrdinalIgnoreCase)) return false;
            var name = entry[(dot + 1)..];
            return name == "*" || string.Equals(name, table, StringComparison.OrdinalIgnoreCase);
        });
        if (!allowed) throw new DataPlaneException($"{what} may only read {Readable(scope)}, but it reads '{shown}'.");
    }

    static string Readable(UserSqlScope scope) => scope.Tables is null
        ? "tables of the database"
        : string.Join(" or ", scope.Tables.Select(t => t.EndsWith(".*", StringComparison.Ordinal) ? $"tables of {t[..^2]}" : t));

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

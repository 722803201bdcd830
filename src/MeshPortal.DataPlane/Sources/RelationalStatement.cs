using System.Text.RegularExpressions;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// What a relational source reads, from its "table or query" text: a table (optionally schema-qualified, quoted for
/// the dialect) or one read-only SELECT (or WITH … SELECT). Anything else is refused with the reason.
/// </summary>
/// <remarks>
/// The check is lexical and errs on the side of refusing: it is the first of three guards. The source is also read
/// in a read-only transaction where the engine has one (PostgreSQL, MySQL), on a read-only connection for SQLite,
/// and every transaction is rolled back, never committed. The portal's database user should still only hold SELECT.
/// </remarks>
public sealed partial record RelationalStatement
{
    /// <summary>Words that make a statement write, lock or run something else, in any dialect.</summary>
    static readonly HashSet<string> Writes = ["INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "INTO", "LOCK"];

    /// <summary>
    /// T-SQL needs no ';' between statements ("SELECT 1 DROP TABLE t" is two), so on SQL Server every word that
    /// starts a statement other than SELECT is refused too.
    /// </summary>
    static readonly HashSet<string> SqlServerStatements =
    [
        "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "DENY", "EXEC", "EXECUTE", "DECLARE", "SET", "USE",
        "BEGIN", "COMMIT", "ROLLBACK", "SAVE", "BACKUP", "RESTORE", "DBCC", "BULK", "KILL", "SHUTDOWN", "RECONFIGURE",
        "CHECKPOINT", "ENABLE", "DISABLE", "WAITFOR", "OPENROWSET", "OPENDATASOURCE", "OPENQUERY",
    ];

    /// <summary>First words of statements other than a query, to name what was given instead.</summary>
    static readonly HashSet<string> OtherStatements =
    [
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE",
        "EXEC", "EXECUTE", "CALL", "DO", "COPY", "SET", "PRAGMA", "ATTACH", "DETACH", "VACUUM", "BEGIN", "START", "COMMIT",
        "ROLLBACK", "LOCK", "DECLARE", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESCRIBE", "HANDLER", "LOAD", "USE",
    ];

    RelationalStatement(RelationalKind kind, string sql, string? table)
    {
        Kind = kind;
        Sql = sql;
        Table = table;
    }

    public RelationalKind Kind { get; }

    /// <summary>The SELECT that reads every row: <c>SELECT * FROM</c> the quoted table, or the query (without a trailing ';').</summary>
    public string Sql { get; }

    /// <summary>The table as the user named it (e.g. "public.orders"); null for a query.</summary>
    public string? Table { get; }

    public bool IsTable => Table is not null;

    /// <summary>Reads <paramref name="tableOrQuery"/>; throws <see cref="DataPlaneException"/> saying what is wrong with it.</summary>
    public static RelationalStatement Parse(RelationalKind kind, string tableOrQuery)
    {
        var text = (tableOrQuery ?? "").Trim();
        if (text.Length == 0)
            throw new DataPlaneException("Enter a table name (optionally schema.table) or a read-only SELECT query.");
        var tokens = RelationalSqlScanner.Scan(text, kind, backslashEscapes: false);
        var first = tokens.FirstOrDefault(t => t.Text != "(");
        if (first is { Kind: SqlTokenKind.Word, Text: "SELECT" or "WITH" })
            return Query(kind, text, tokens);
        if (TableName(kind, text) is { } table)
            return table;
        throw new DataPlaneException(first.Kind == SqlTokenKind.Word && OtherStatements.Contains(first.Text)
            ? $"A source query may only read, and {first.Text} statements are refused: write a single SELECT (or WITH … SELECT), or give a table name."
            : $"'{Shorten(text)}' is neither a table name (optionally schema.table, quoted if it has spaces) nor a SELECT query.");
    }

    static RelationalStatement Query(RelationalKind kind, string text, List<SqlToken> tokens)
    {
        Check(kind, tokens);
        // A backslash may or may not escape a quote depending on server settings: the text must pass both readings.
        if (kind is RelationalKind.MySql or RelationalKind.PostgreSql)
            Check(kind, RelationalSqlScanner.Scan(text, kind, backslashEscapes: true));
        var trailing = tokens.Count;
        while (trailing > 0 && tokens[trailing - 1].Kind == SqlTokenKind.Semicolon) trailing--;
        var sql = trailing < tokens.Count ? text[..tokens[trailing].Start].TrimEnd() : text;
        return new RelationalStatement(kind, sql, null);
    }

    static void Check(RelationalKind kind, List<SqlToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Semicolon && tokens.Skip(i + 1).Any(t => t.Kind != SqlTokenKind.Semicolon))
                throw new DataPlaneException($"A source query must be a single statement: remove the ';' at character {token.Start + 1} and what follows it.");
            if (token.Kind != SqlTokenKind.Word) continue;
            if (Writes.Contains(token.Text) || (kind == RelationalKind.SqlServer && SqlServerStatements.Contains(token.Text)))
                throw new DataPlaneException($"A source query may only read, but this one contains {token.Text}. "
                    + $"Write a single SELECT (if {token.Text} is the name of a column or table, quote it).");
            if (token.Text == "FOR" && i + 1 < tokens.Count && tokens[i + 1] is { Kind: SqlTokenKind.Word, Text: "SHARE" or "KEY" or "NO" })
                throw new DataPlaneException("A source query may not lock rows (FOR SHARE / FOR UPDATE): remove the locking clause.");
        }
    }

    static RelationalStatement? TableName(RelationalKind kind, string text)
    {
        var trimmed = text.TrimEnd(';', ' ', '\t', '\r', '\n');
        var parts = new List<(string Name, bool Quoted)>();
        var i = 0;
        while (true)
        {
            if (i >= trimmed.Length) return null;
            var close = trimmed[i] switch
            {
                '"' => '"',
                '[' when kind is RelationalKind.SqlServer or RelationalKind.Sqlite => ']',
                '`' when kind is RelationalKind.MySql or RelationalKind.Sqlite => '`',
                _ => '\0',
            };
            if (close != '\0')
            {
                var name = new System.Text.StringBuilder();
                var j = i + 1;
                for (; j < trimmed.Length; j++)
                {
                    if (trimmed[j] != close) { name.Append(trimmed[j]); continue; }
                    if (j + 1 < trimmed.Length && trimmed[j + 1] == close) { name.Append(close); j++; continue; }
                    break;
                }
                if (j >= trimmed.Length || name.Length == 0 || name.ToString().Contains('\0')) return null;
                parts.Add((name.ToString(), true));
                i = j + 1;
            }
            else
            {
                var match = BareIdentifier().Match(trimmed, i);
                if (!match.Success || match.Index != i) return null;
                parts.Add((match.Value, false));
                i += match.Length;
            }
            if (i == trimmed.Length) break;
            if (trimmed[i] != '.' || parts.Count == 2) return null;
            i++;
        }
        var quoted = string.Join(".", parts.Select(p => Quote(kind, p.Quoted || kind != RelationalKind.PostgreSql ? p.Name : p.Name.ToLowerInvariant())));
        return new RelationalStatement(kind, $"SELECT * FROM {quoted}", string.Join(".", parts.Select(p => p.Name)));
    }

    /// <summary>An identifier quoted for the dialect (the quote character doubled inside).</summary>
    public static string Quote(RelationalKind kind, string identifier) => kind switch
    {
        RelationalKind.SqlServer => "[" + identifier.Replace("]", "]]") + "]",
        RelationalKind.MySql => "`" + identifier.Replace("`", "``") + "`",
        _ => "\"" + identifier.Replace("\"", "\"\"") + "\"",
    };

    /// <summary>A statement that returns the same columns and no row (for the connection test).</summary>
    internal string NoRowsSql => IsTable ? $"{Sql} WHERE 1 = 0" : $"SELECT * FROM (\n{Sql}\n) AS meshportal_check LIMIT 0";

    static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    // Unquoted names: letters, digits, '_' and '$', not starting with a digit (PostgreSQL folds them to lower case).
    [GeneratedRegex(@"[\p{L}_][\p{L}\p{N}_$]*")]
    private static partial Regex BareIdentifier();
}

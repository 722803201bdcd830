namespace MeshPortal.DataPlane.Sources;

internal enum SqlTokenKind { Word, Quoted, Semicolon, Symbol }

/// <param name="Text">Words upper-cased; other tokens as written.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Start);

/// <summary>
/// Splits SQL into words, quoted parts, semicolons and symbols, skipping comments, the way the dialect does: enough
/// to see which statement a text is and which keywords it uses outside strings, not a parser.
/// </summary>
/// <remarks>
/// Where dialects disagree the scanner takes the reading that shows more code: block comments do not nest, MySQL's
/// executable comments (<c>/*! … */</c>) are code, and MySQL's <c>--</c> is a comment only before a space. Whether a
/// backslash escapes a quote depends on server settings, so callers scan both ways (<paramref name="backslashEscapes"/>).
/// </remarks>
internal static class RelationalSqlScanner
{
    public static List<SqlToken> Scan(string sql, RelationalKind kind, bool backslashEscapes)
    {
        var tokens = new List<SqlToken>();
        var mySql = kind == RelationalKind.MySql;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && next == '-' && (!mySql || i + 2 >= sql.Length || char.IsWhiteSpace(sql[i + 2]) || char.IsControl(sql[i + 2])))
            {
                i = LineEnd(sql, i);
                continue;
            }
            if (c == '#' && mySql)
            {
                i = LineEnd(sql, i);
                continue;
            }
            if (c == '/' && next == '*')
            {
                if (mySql && i + 2 < sql.Length && sql[i + 2] == '!')
                {
                    // Executable comment: its content runs, so it is scanned as code.
                    i += 3;
                    while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
                    continue;
                }
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }
            if (c == '*' && next == '/' && mySql) { i += 2; continue; }
            if (c == '\'' || c == '"')
            {
                i = Quoted(sql, i, c, c, backslashEscapes, tokens);
                continue;
            }
            if (c == '`' && kind is RelationalKind.MySql or RelationalKind.Sqlite)
            {
                i = Quoted(sql, i, '`', '`', backslashEscapes: false, tokens);
                continue;
            }
            if (c == '[' && kind is RelationalKind.SqlServer or RelationalKind.Sqlite)
            {
                i = Quoted(sql, i, '[', ']', backslashEscapes: false, tokens);
                continue;
            }
            if (c == '$' && kind == RelationalKind.PostgreSql && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                tokens.Add(new SqlToken(SqlTokenKind.Quoted, tag, i));
                i = end < 0 ? sql.Length : end + tag.Length;
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '@' || (c == '#' && !mySql))
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' or '@' or '#')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i].ToUpperInvariant(), start));
                continue;
            }
            if (char.IsDigit(c))
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, sql[start..i], start));
                continue;
            }
            tokens.Add(new SqlToken(c == ';' ? SqlTokenKind.Semicolon : SqlTokenKind.Symbol, c.ToString(), i));
            i++;
        }
        return tokens;
    }

    static int LineEnd(string sql, int i)
    {
        var end = sql.IndexOfAny(['\n', '\r'], i);
        return end < 0 ? sql.Length : end;
    }

    /// <summary>Skips a quoted part (a doubled closing quote stays inside); an unterminated one runs to the end.</summary>
    static int Quoted(string sql, int start, char open, char close, bool backslashEscapes, List<SqlToken> tokens)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\') { i += 2; continue; }
            if (sql[i] == close)
            {
                if (i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.Quoted, sql[start..i], start));
                return i;
            }
            i++;
        }
        tokens.Add(new SqlToken(SqlTokenKind.Quoted, sql[start..], start));
        return sql.Length;
    }

    /// <summary>The opening tag of a PostgreSQL dollar-quoted string at <paramref name="i"/> ("$$" or "$tag$"), else null.</summary>
    static string? DollarTag(string sql, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] is '_' or '$')) return null;
        var j = i + 1;
        if (j < sql.Length && char.IsDigit(sql[j])) return null;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_')) j++;
        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }
}

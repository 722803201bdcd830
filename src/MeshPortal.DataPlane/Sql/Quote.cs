namespace MeshPortal.DataPlane.Sql;

/// <summary>
/// Quoting for the SQL the data plane writes: every name or text that comes from a user (a file's header, a contract's
/// property, a path, a pattern) goes through here before it is put in a statement.
/// </summary>
public static class Quote
{
    /// <summary>A DuckDB identifier in double quotes: <c>order "id"</c> becomes <c>"order ""id"""</c>.</summary>
    public static string Identifier(string name) => "\"" + Checked(name).Replace("\"", "\"\"") + "\"";

    /// <summary>A DuckDB string literal in single quotes: <c>O'Brien</c> becomes <c>'O''Brien'</c>.</summary>
    public static string Literal(string text) => "'" + Checked(text).Replace("'", "''") + "'";

    /// <summary>
    /// A JSON path of member names as a string literal, each name quoted so that dots, spaces and quotes in it stay part
    /// of the name: <c>geo</c>, <c>lat</c> become <c>'$."geo"."lat"'</c>.
    /// </summary>
    public static string JsonPath(IEnumerable<string> members) =>
        Literal("$" + string.Concat(members.Select(m => ".\"" + m.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")));

    /// <summary><c>schema."name"</c>, both parts quoted.</summary>
    public static string Table(string schema, string name) => Identifier(schema) + "." + Identifier(name);

    // DuckDB stops reading a statement at a NUL character, so a name or text holding one could cut the SQL short.
    static string Checked(string text) => text.Contains('\0')
        ? throw new DataPlaneException("A name or value contains a NUL character, which the data engine cannot store.")
        : text;
}

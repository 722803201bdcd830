using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("MeshPortal.DataPlane.Tests")]

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Connection strings of relational sources: checked before they are stored, described for the UI without secrets,
/// and opened with the settings the portal insists on (read-only SQLite, no local-file loading on MySQL, time limits).
/// </summary>
/// <remarks>
/// Every message here is written by the portal: a provider's own parse errors echo the offending value, which may be
/// the password, so they are never passed on.
/// </remarks>
public static partial class RelationalConnection
{
    public static string DisplayName(RelationalKind kind) => kind switch
    {
        RelationalKind.Sqlite => "SQLite",
        RelationalKind.PostgreSql => "PostgreSQL",
        RelationalKind.SqlServer => "SQL Server",
        RelationalKind.MySql => "MySQL",
        _ => kind.ToString(),
    };

    /// <summary>
    /// Throws <see cref="DataPlaneException"/> naming the first setting that is unknown, invalid or missing; a SQLite
    /// file must lie under <paramref name="allowedFileRoot"/> (SQLite sources are refused when it is null).
    /// </summary>
    public static void Validate(RelationalKind kind, string connectionString, string? allowedFileRoot) =>
        _ = Parse(kind, connectionString, allowedFileRoot);

    /// <summary>Why the connection string cannot be stored, or null when it can (the message of <see cref="Validate"/>).</summary>
    public static string? ValidationError(RelationalKind kind, string connectionString, string? allowedFileRoot)
    {
        try
        {
            Validate(kind, connectionString, allowedFileRoot);
            return null;
        }
        catch (DataPlaneException e)
        {
            return e.Message;
        }
    }

    /// <summary>Where the connection points, for the UI: "user@host:port/database" (a file path for SQLite); never a secret.</summary>
    public static string Describe(RelationalKind kind, string connectionString)
    {
        try
        {
            var builder = ParseKeys(kind, connectionString);
            return builder switch
            {
                NpgsqlConnectionStringBuilder pg =>
                    $"{pg.Username ?? "(default user)"}@{pg.Host}:{pg.Port}/{pg.Database ?? pg.Username ?? "(default database)"}",
                SqlConnectionStringBuilder sql =>
                    $"{(sql.IntegratedSecurity ? "(integrated security)" : Or(sql.UserID, "(default user)"))}@{sql.DataSource}/{Or(sql.InitialCatalog, "(default database)")}",
                MySqlConnectionStringBuilder my =>
                    $"{Or(my.UserID, "(default user)")}@{my.Server}:{my.Port}/{Or(my.Database, "(no database)")}",
                SqliteConnectionStringBuilder lite => lite.DataSource,
                _ => DisplayName(kind),
            };
        }
        catch (DataPlaneException)
        {
            return $"invalid {DisplayName(kind)} connection string";
        }
    }

    /// <summary>A new, closed connection with the portal's settings applied.</summary>
    internal static DbConnection Create(RelationalKind kind, string connectionString, string? allowedFileRoot,
        TimeSpan connectTimeout, TimeSpan commandTimeout)
    {
        var builder = Parse(kind, connectionString, allowedFileRoot);
        // The connection string may shorten the wait for a connection, never lengthen it.
        var connectSeconds = Math.Max(1, Seconds(connectTimeout));
        if (GivenConnectSeconds(builder) is > 0 and var given && given < connectSeconds) connectSeconds = given;
        var commandSeconds = Seconds(commandTimeout);
        switch (builder)
        {
            case NpgsqlConnectionStringBuilder pg:
                pg.Timeout = Math.Min(connectSeconds, 1024);
                pg.CommandTimeout = commandSeconds;
                pg.PersistSecurityInfo = false;
                pg.ApplicationName ??= "MeshPortal";
                return new NpgsqlConnection(pg.ConnectionString);
            case SqlConnectionStringBuilder sql:
                sql.ConnectTimeout = connectSeconds;
                sql.CommandTimeout = commandSeconds;
                sql.PersistSecurityInfo = false;
                // Routes to a readable secondary where there is one and declares the intent; it does not forbid writes.
                sql.ApplicationIntent = ApplicationIntent.ReadOnly;
                if (string.IsNullOrEmpty(sql.ApplicationName) || sql.ApplicationName == new SqlConnectionStringBuilder().ApplicationName)
                    sql.ApplicationName = "MeshPortal";
                return new SqlConnection(sql.ConnectionString);
            case MySqlConnectionStringBuilder my:
                my.ConnectionTimeout = (uint)connectSeconds;
                my.DefaultCommandTimeout = (uint)commandSeconds;
                my.PersistSecurityInfo = false;
                // A hostile server may ask the client for a local file (LOAD DATA LOCAL): never allow it.
                my.AllowLoadLocalInfile = false;
                my.AllowUserVariables = false;
                // Zero dates ('0000-00-00') are read as MySqlDateTime and become null instead of failing the load.
                my.AllowZeroDateTime = true;
                my.ApplicationName ??= "MeshPortal";
                return new MySqlConnection(my.ConnectionString);
            case SqliteConnectionStringBuilder lite:
                lite.Mode = SqliteOpenMode.ReadOnly;
                // Pooled SQLite connections keep the file open after the load; the user may replace it meanwhile.
                lite.Pooling = false;
                lite.DefaultTimeout = commandSeconds;
                return new SqliteConnection(lite.ConnectionString);
            default:
                throw new DataPlaneException($"{DisplayName(kind)} sources are not supported.");
        }
    }

    /// <summary>The password (and similar) values of a connection string, so a message can be checked not to contain them.</summary>
    internal static IReadOnlyList<string> Secrets(string connectionString)
    {
        var secrets = new List<string>();
        try
        {
            var generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (string key in generic.Keys)
                if (SecretKey().IsMatch(key) && generic[key] is string { Length: > 0 } value) secrets.Add(value);
        }
        catch (ArgumentException)
        {
            // Unparseable: the whole string is treated as the secret below.
        }
        if (!string.IsNullOrEmpty(connectionString)) secrets.Add(connectionString);
        return secrets;
    }

    internal static DbConnectionStringBuilder Parse(RelationalKind kind, string connectionString, string? allowedFileRoot)
    {
        var builder = ParseKeys(kind, connectionString);
        var name = DisplayName(kind);
        switch (builder)
        {
            case NpgsqlConnectionStringBuilder pg when string.IsNullOrWhiteSpace(pg.Host):
                throw new DataPlaneException($"The {name} connection string needs 'Host' (the server's name or address).");
            case SqlConnectionStringBuilder sql when string.IsNullOrWhiteSpace(sql.DataSource):
                throw new DataPlaneException($"The {name} connection string needs 'Server' (the server's name or address).");
            case MySqlConnectionStringBuilder my when string.IsNullOrWhiteSpace(my.Server):
                throw new DataPlaneException($"The {name} connection string needs 'Server' (the server's name or address).");
            case SqliteConnectionStringBuilder lite:
                lite.DataSource = SqliteFile(lite.DataSource, allowedFileRoot);
                break;
        }
        return builder;
    }

    static DbConnectionStringBuilder ParseKeys(RelationalKind kind, string connectionString)
    {
        var name = DisplayName(kind);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new DataPlaneException($"Enter the {name} connection string.");
        var generic = new DbConnectionStringBuilder();
        try
        {
            generic.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            var at = IndexInMessage().Match(e.Message);
            throw new DataPlaneException($"The {name} connection string is malformed{(at.Success ? $" at character {int.Parse(at.Groups[1].Value) + 1}" : "")}: "
                + "write key=value pairs separated by ';' and quote a value that contains ';' or '='.");
        }
        var builder = NewBuilder(kind);
        foreach (string key in generic.Keys)
        {
            try
            {
                builder[key] = generic[key];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException or NotSupportedException)
            {
                var shown = key.Length > 40 ? key[..40] + "…" : key;
                throw new DataPlaneException(IsKnown(kind, key)
                    ? $"The {name} connection string has an invalid value for '{shown}'."
                    : $"The {name} connection string has a setting '{shown}' that {name} does not know.");
            }
        }
        return builder;
    }

    static bool IsKnown(RelationalKind kind, string key)
    {
        var builder = NewBuilder(kind);
        if (kind != RelationalKind.MySql) return builder.ContainsKey(key);
        try
        {
            // MySqlConnector's builder only "contains" what was set; clearing fails only for keywords it does not know.
            builder[key] = null!;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or NotSupportedException)
        {
            return false;
        }
    }

    static DbConnectionStringBuilder NewBuilder(RelationalKind kind) => kind switch
    {
        RelationalKind.PostgreSql => new NpgsqlConnectionStringBuilder(),
        RelationalKind.SqlServer => new SqlConnectionStringBuilder(),
        RelationalKind.MySql => new MySqlConnectionStringBuilder(),
        RelationalKind.Sqlite => new SqliteConnectionStringBuilder(),
        _ => throw new DataPlaneException($"{kind} sources are not supported."),
    };

    /// <summary>The full path of a SQLite source, which must be a file under the allowed folder (symbolic links included).</summary>
    static string SqliteFile(string dataSource, string? allowedFileRoot)
    {
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource.Trim() == ":memory:")
            throw new DataPlaneException("The SQLite connection string needs 'Data Source': the path of the database file.");
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            throw new DataPlaneException("Give the SQLite 'Data Source' as a file path, not a 'file:' URI.");
        if (string.IsNullOrWhiteSpace(allowedFileRoot))
            throw new DataPlaneException("SQLite sources are turned off on this portal: an administrator must set MeshPortal:DataPlane:AllowedFileRoot to the folder that holds the database files.");
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(allowedFileRoot));
        var path = Path.GetFullPath(dataSource.Trim(), root);
        var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
        if (!IsUnder(path, root) || !IsUnder(target, root))
            throw new DataPlaneException($"The SQLite file must lie under the allowed folder {root}.");
        return path;
    }

    static bool IsUnder(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The connect timeout the connection string sets itself, or null when it keeps the driver's default.</summary>
    static int? GivenConnectSeconds(DbConnectionStringBuilder builder) => builder switch
    {
        NpgsqlConnectionStringBuilder pg when pg.Timeout != new NpgsqlConnectionStringBuilder().Timeout => pg.Timeout,
        SqlConnectionStringBuilder sql when sql.ConnectTimeout != new SqlConnectionStringBuilder().ConnectTimeout => sql.ConnectTimeout,
        MySqlConnectionStringBuilder my when my.ConnectionTimeout != new MySqlConnectionStringBuilder().ConnectionTimeout => (int)Math.Min(int.MaxValue, my.ConnectionTimeout),
        _ => null,
    };

    static int Seconds(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalSeconds));

    static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    [GeneratedRegex(@"index (\d+)")]
    private static partial Regex IndexInMessage();

    [GeneratedRegex(@"^(password|pwd|passwd|access ?token|client ?secret|ssl ?password|ssl ?key ?password)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}

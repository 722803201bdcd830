using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>The step a relational source failed in: a timeout while connecting is not a slow query.</summary>
internal enum RelationalStep { Connecting, Reading }

/// <summary>
/// Turns a driver's exception into a message a user can act on (unreachable host, wrong password, missing database
/// or table, permission denied, syntax error, a write, a time limit). Messages are composed here from the server's
/// error code and text, never from the connection string; any secret of it that slipped into a server text is
/// masked before the message leaves.
/// </summary>
internal sealed class RelationalErrors(RelationalSource source, RelationalStatement? statement, TimeSpan commandTimeout)
{
    readonly string name = RelationalConnection.DisplayName(source.Kind);
    readonly string location = RelationalConnection.Describe(source.Kind, source.ConnectionString);

    /// <summary>The friendly exception for <paramref name="error"/>, or null when it is not the source's fault (a bug).</summary>
    public DataPlaneException? Translate(Exception error, RelationalStep step)
    {
        var message = error switch
        {
            DataPlaneException known => known.Message,
            PostgresException pg => Postgres(pg),
            SqlException sql => SqlServer(sql, step),
            MySqlException my => MySql(my, step),
            SqliteException lite => Sqlite(lite),
            _ when Find<SocketException>(error) is { } socket => Unreachable(Describe(socket)),
            _ when Find<TimeoutException>(error) is not null => Timeout(step),
            NpgsqlException => $"The {name} source {location} failed: {error.Message}",
            _ => null,
        };
        return message is null ? null : new DataPlaneException(Mask(message), error is DataPlaneException ? error.InnerException : error);
    }

    string Postgres(PostgresException e) => e.SqlState switch
    {
        "28P01" => AuthenticationFailed("the password is wrong for that user"),
        "28000" => AuthenticationFailed(e.MessageText),
        "3D000" => $"The database does not exist on the {name} server {location}: {e.MessageText}.",
        "42P01" => MissingTable(e.MessageText),
        "42501" => PermissionDenied(e.MessageText),
        "42601" => $"The query has a syntax error: {e.MessageText}{(e.Position > 0 ? $" (at character {e.Position})" : "")}.",
        "25006" => Write(e.MessageText),
        "57014" => Timeout(RelationalStep.Reading),
        "53300" or "57P03" => $"The {name} server {location} does not accept connections now: {e.MessageText}.",
        _ when e.SqlState.StartsWith("42", StringComparison.Ordinal) => $"The query is not valid on the {name} source: {e.MessageText}.",
        _ when e.SqlState.StartsWith("08", StringComparison.Ordinal) => $"The connection to the {name} server {location} failed: {e.MessageText}.",
        _ => $"The query failed on the {name} source: {e.MessageText} (SQLSTATE {e.SqlState}).",
    };

    string SqlServer(SqlException e, RelationalStep step) => e.Number switch
    {
        18456 or 18452 or 18486 or 18487 or 18488 => AuthenticationFailed(e.Message),
        4060 => $"The database does not exist on the {name} server {location}, or the user may not open it: {e.Message}",
        208 => MissingTable(e.Message),
        229 or 230 or 262 or 297 or 300 or 916 => PermissionDenied(e.Message),
        102 or 105 or 156 or 170 or 319 or 8180 => $"The query has a syntax error: {e.Message}",
        3906 or 3908 => Write(e.Message),
        -2 => Timeout(step),
        // Network errors: named pipes/TCP provider failures, no such host, refused, unreachable.
        -1 or 2 or 26 or 35 or 40 or 53 or 121 or 258 or 10054 or 10060 or 10061 or 11001 or 11004 => Unreachable(e.Message),
        _ when Find<SocketException>(e) is { } socket => Unreachable(Describe(socket)),
        _ when e.Class >= 20 && step == RelationalStep.Connecting => Unreachable(e.Message),
        207 or 4104 or 8120 => $"The query is not valid on the {name} source: {e.Message}",
        _ => $"The query failed on the {name} source: {e.Message} (error {e.Number}).",
    };

    string MySql(MySqlException e, RelationalStep step) => e.ErrorCode switch
    {
        MySqlErrorCode.AccessDenied => AuthenticationFailed("the user name or the password is wrong, or the user may not connect from the portal's address"),
        MySqlErrorCode.UnknownDatabase => $"The database does not exist on the {name} server {location}: {e.Message}",
        MySqlErrorCode.NoSuchTable => MissingTable(e.Message),
        MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied or MySqlErrorCode.DatabaseAccessDenied
            or MySqlErrorCode.SpecifiedAccessDeniedError => PermissionDenied(e.Message),
        MySqlErrorCode.ParseError => $"The query has a syntax error: {e.Message}",
        MySqlErrorCode.CannotExecuteInReadOnlyTransaction or MySqlErrorCode.ReadOnlyTransaction => Write(e.Message),
        MySqlErrorCode.UnableToConnectToHost => Unreachable(Find<SocketException>(e) is { } socket ? Describe(socket) : "no answer"),
        MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.QueryTimeout or MySqlErrorCode.QueryInterrupted => Timeout(step),
        MySqlErrorCode.BadFieldError => $"The query is not valid on the {name} source: {e.Message}",
        _ => $"The query failed on the {name} source: {e.Message} (error {(int)e.ErrorCode}).",
    };

    string Sqlite(SqliteException e)
    {
        var text = e.Message;
        return e.SqliteErrorCode switch
        {
            14 => $"The SQLite file {location} cannot be opened: check that it exists and that the portal may read it.",
            26 => $"The file {location} is not a SQLite database.",
            8 => Write(text),
            5 or 6 => $"The SQLite file {location} is locked by another program; try again when it is done.",
            9 => Timeout(RelationalStep.Reading),
            23 => AuthenticationFailed(text),
            1 when text.Contains("no such table", StringComparison.OrdinalIgnoreCase) => MissingTable(text),
            1 when text.Contains("syntax error", StringComparison.OrdinalIgnoreCase) => $"The query has a syntax error: {text}",
            1 => $"The query is not valid on the SQLite source: {text}",
            _ => $"The SQLite source failed: {text}",
        };
    }

    string AuthenticationFailed(string detail) =>
        $"Authentication failed on the {name} source {location}: {detail.TrimEnd('.')}. Check the user name and password of the connection.";

    string MissingTable(string detail) => statement?.Table is { } table
        ? $"Table {table} does not exist in the {name} source {location}."
        : $"The query refers to a table that does not exist in the {name} source {location}: {detail.TrimEnd('.')}.";

    string PermissionDenied(string detail) =>
        $"Permission denied on the {name} source {location}: {detail.TrimEnd('.')}. Ask its administrator to grant the user SELECT on what the source reads.";

    string Write(string detail) =>
        $"The query tried to change the {name} source, which the portal only reads: {detail.TrimEnd('.')}.";

    string Unreachable(string detail) =>
        $"Cannot reach the {name} server {location} ({detail.TrimEnd('.')}). Check the host and port, that the server is running and that it accepts connections from the portal.";

    string Timeout(RelationalStep step) => step == RelationalStep.Connecting
        ? $"No answer from the {name} server {location} in time. Check the host and port and that a firewall lets the portal through."
        : $"The {name} source took longer than the time limit of {Describe(commandTimeout)} to answer; read less (a narrower query) or ask for a longer limit.";

    string Mask(string message)
    {
        foreach (var secret in RelationalConnection.Secrets(source.ConnectionString).Where(s => s.Length >= 3))
            message = message.Replace(secret, "••••", StringComparison.Ordinal);
        return message;
    }

    static string Describe(TimeSpan limit) =>
        limit <= TimeSpan.Zero || limit == System.Threading.Timeout.InfiniteTimeSpan ? "the server"
        : limit.TotalMinutes >= 1 ? FormattableString.Invariant($"{limit.TotalMinutes:0.#} min") : FormattableString.Invariant($"{limit.TotalSeconds:0.#} s");

    static string Describe(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "no such host",
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "no answer",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection closed by the other side",
        var other => other.ToString(),
    };

    static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
            if (error is T found) return found;
        return null;
    }
}

using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sql;

/// <summary>
/// Runs DuckDB statements so that a <see cref="CancellationToken"/> really stops them. DuckDB.NET's commands are
/// synchronous and its async methods only look at the token before starting; here the statement runs on a thread of its
/// own and the token interrupts the connection (<see cref="DuckDBCommand.Cancel"/> calls <c>duckdb_interrupt</c>). The call
/// returns only once DuckDB has given the connection back, so the caller never uses a connection that is still busy.
/// </summary>
internal static class Db
{
    public static Task<int> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(connection, sql, command => command.ExecuteNonQuery(), cancellationToken, parameters);

    public static Task<object?> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(connection, sql, command => command.ExecuteScalar() is var value and not DBNull ? value : null, cancellationToken, parameters);

    public static async Task<long> CountAsync(DuckDBConnection connection, string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, $"SELECT count(*) FROM {table}", cancellationToken));

    /// <summary>Reads every row of a (small) result with <paramref name="read"/>.</summary>
    public static Task<List<T>> ListAsync<T>(DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> read, CancellationToken cancellationToken,
        params object?[] parameters) =>
        RunAsync(connection, sql, command =>
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(read(reader));
            return rows;
        }, cancellationToken, parameters);

    public static async Task<T> RunAsync<T>(DuckDBConnection connection, string sql, Func<DuckDBCommand, T> run, CancellationToken cancellationToken,
        params object?[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters) command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        using var interrupt = cancellationToken.Register(static c => ((DuckDBCommand)c!).Cancel(), command);
        try
        {
            // Not given the token: the task must run to the end of the statement, which the interrupt shortens. A thread
            // of its own: a statement may block for minutes, which would starve the thread pool (and the progress poller).
            return await Task.Factory.StartNew(() => run(command), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or DuckDBException)
        {
            throw new OperationCanceledException("The statement was interrupted.", e, cancellationToken);
        }
    }

    /// <summary>
    /// DuckDB's message without what only helps a developer: the echo of our own SQL ("LINE 1: …" and its caret) and
    /// the long list of reader options DuckDB appends to CSV errors.
    /// </summary>
    public static string Message(Exception e)
    {
        var text = e.Message;
        foreach (var cut in new[] { "\nLINE ", "\n\n  file = ", "\n  file = " })
            if (text.IndexOf(cut, StringComparison.Ordinal) is var at and > 0) text = text[..at];
        foreach (var prefix in new[] { "Invalid Input Error: ", "Conversion Error: ", "Binder Error: ", "Parser Error: ", "Catalog Error: ",
                     "IO Error: ", "Out of Memory Error: ", "Invalid Error: ", "Not implemented Error: ", "Constraint Error: " })
            if (text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        return string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd();
    }
}

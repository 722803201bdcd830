using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// An open connection to a relational source inside a transaction that only reads and is always rolled back; every
/// failure comes out as a <see cref="DataPlaneException"/> (or an <see cref="OperationCanceledException"/> when the
/// caller cancelled).
/// </summary>
internal sealed class RelationalSession : IAsyncDisposable
{
    readonly DbConnection connection;
    readonly DbTransaction transaction;
    readonly int commandSeconds;

    RelationalSession(DbConnection connection, DbTransaction transaction, RelationalErrors errors, int commandSeconds)
    {
        this.connection = connection;
        this.transaction = transaction;
        Errors = errors;
        this.commandSeconds = commandSeconds;
    }

    public RelationalErrors Errors { get; }

    public static async Task<RelationalSession> OpenAsync(RelationalSource source, RelationalStatement statement, string? allowedFileRoot,
        TimeSpan connectTimeout, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        var errors = new RelationalErrors(source, statement, commandTimeout);
        DbConnection? connection = null;
        try
        {
            connection = RelationalConnection.Create(source.Kind, source.ConnectionString, allowedFileRoot, connectTimeout, commandTimeout);
            if (connection is SqliteConnection lite && !File.Exists(lite.DataSource))
                throw new DataPlaneException($"The SQLite file {lite.DataSource} does not exist.");
            await connection.OpenAsync(cancellationToken);
            var transaction = await BeginReadOnlyAsync(connection, cancellationToken);
            var seconds = commandTimeout <= TimeSpan.Zero || commandTimeout == Timeout.InfiniteTimeSpan
                ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(commandTimeout.TotalSeconds));
            return new RelationalSession(connection, transaction, errors, seconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (connection is not null) await connection.DisposeAsync();
            throw Translate(errors, e, RelationalStep.Connecting, cancellationToken) ?? Rethrow(e);
        }
    }

    /// <summary>Runs <paramref name="work"/>, turning a failure of the source into a user's message.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Translate(Errors, e, RelationalStep.Reading, cancellationToken) ?? Rethrow(e);
        }
    }

    public DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = commandSeconds;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Nothing is ever committed: whatever the statement did (it should have done nothing) is undone.
            await transaction.RollbackAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // A broken or cancelled connection has no transaction left to undo.
        }
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>The exception to throw instead of <paramref name="error"/>; null for a failure that is not the source's (a bug).</summary>
    static Exception? Translate(RelationalErrors errors, Exception error, RelationalStep step, CancellationToken cancellationToken)
    {
        // Drivers report a cancellation they were asked for as their own error.
        if (cancellationToken.IsCancellationRequested)
            return new OperationCanceledException("The read of the source was cancelled.", error, cancellationToken);
        return errors.Translate(error, step);
    }

    static Exception Rethrow(Exception error)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return error;
    }

    static async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        switch (connection)
        {
            case NpgsqlConnection pg:
            {
                // Repeatable read gives the whole copy one snapshot; READ ONLY makes the server refuse any write,
                // including one hidden in a function the query calls.
                var transaction = await pg.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", pg, transaction);
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
                return transaction;
            }
            case MySqlConnection my:
                return await my.BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, cancellationToken);
            case SqliteConnection lite:
                // The connection is opened read-only (Mode=ReadOnly): SQLite refuses every write on it.
                return lite.BeginTransaction(deferred: true);
            case SqlConnection sql:
                // SQL Server has no read-only transaction. What protects the source: the statement check refuses every
                // word that starts or hides another statement (T-SQL needs no ';'), this transaction is always rolled
                // back (DML and DDL included), and ApplicationIntent=ReadOnly; the login should hold db_datareader only.
                return await sql.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            default:
                return await connection.BeginTransactionAsync(cancellationToken);
        }
    }
}

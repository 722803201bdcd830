using System.Data.Common;
using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Copies a table or a read-only query of a SQLite, PostgreSQL, SQL Server or MySQL/MariaDB database into a DuckDB
/// table of text columns, row by row through the appender: nothing but the current row is held in memory.
/// </summary>
public sealed class RelationalSourceReader(DataPlaneOptions options) : ISourceReader
{
    /// <summary>Rows between two progress reports.</summary>
    public const int ProgressEvery = 10_000;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public bool CanRead(SourceSpec source) => source is RelationalSource;

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead,
        CancellationToken cancellationToken)
    {
        if (source is not RelationalSource relational)
            throw new ArgumentException($"{nameof(RelationalSourceReader)} reads relational sources only.", nameof(source));
        var statement = RelationalStatement.Parse(relational.Kind, relational.TableOrQuery);
        await using var session = await RelationalSession.OpenAsync(relational, statement, options.AllowedFileRoot,
            ConnectTimeout, options.UserSqlTimeout, cancellationToken);
        return await session.RunAsync(() => CopyAsync(session, statement, connection, table, rowsRead, cancellationToken), cancellationToken);
    }

    static async Task<long> CopyAsync(RelationalSession session, RelationalStatement statement, DuckDBConnection connection, string table,
        IProgress<long> rowsRead, CancellationToken cancellationToken)
    {
        await using var command = session.Command(statement.Sql);
        // Drivers whose reads do not watch the token (SQL Server, MySQL) are asked to cancel the running statement.
        await using var cancel = cancellationToken.Register(() => CancelQuietly(command));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        if (columns.Count == 0)
            throw new DataPlaneException("The source returns no columns.");
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToList();
        await RelationalTarget.CreateVarcharTableAsync(connection, table, RelationalTarget.UniqueColumnNames(columns), cancellationToken);
        long rows = 0;
        using (var appender = RelationalTarget.CreateAppender(connection, table))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = appender.CreateRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    var text = Text(reader, i, types[i], statement.Kind, columns[i]);
                    if (text is null) row.AppendNullValue();
                    else row.AppendValue(text);
                }
                row.EndRow();
                if (++rows % ProgressEvery == 0) rowsRead.Report(rows);
            }
            appender.Close();
        }
        rowsRead.Report(rows);
        return rows;
    }

    static string? Text(DbDataReader reader, int ordinal, string type, RelationalKind kind, string column)
    {
        try
        {
            return RelationalValueText.Format(reader.GetValue(ordinal), type, kind);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or NotSupportedException or FormatException
                                      or InvalidOperationException or ArgumentException or FileNotFoundException or FileLoadException)
        {
            // A decimal holds 28 digits and no NaN; PostgreSQL's numeric holds more: decode it from the wire instead.
            if (kind == RelationalKind.PostgreSql && type == "numeric")
            {
                using var wire = reader.GetStream(ordinal);
                using var bytes = new MemoryStream();
                wire.CopyTo(bytes);
                return RelationalValueText.PostgresNumeric(bytes.ToArray());
            }
            throw new DataPlaneException($"Column {column} (type {type}) cannot be read as text; "
                + $"use a query that casts it, e.g. SELECT CAST({column} AS VARCHAR(4000)) AS {column}, … .", e);
        }
    }

    static void CancelQuietly(DbCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The statement already ended.
        }
    }
}

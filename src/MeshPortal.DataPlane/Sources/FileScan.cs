using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// How DuckDB reads one file where it lies, as the source's columns in text and in file order. The onboarding engine reads
/// it once, straight into silver, and publishes bronze as a view over its kept copy of the file (<see cref="Reread"/>).
/// </summary>
/// <param name="Select">The SELECT an onboarding run reads the rows with; it may keep side tables (the CSV lines it could
/// not parse) that <see cref="FinishAsync"/> turns into the reader's rejects table.</param>
/// <param name="Reread">The same read of the file at a given path (as DuckDB's SQL names it: the engine gives one relative
/// to the quantum's folder for the view), as a view can hold it: no side tables, the rows the run rejected skipped, so its
/// rows are the run's rows in the same order.</param>
/// <param name="Columns">The source's columns, in order, as <see cref="Select"/> names them.</param>
public sealed record FileScan(string Select, Func<string, string> Reread, IReadOnlyList<string> Columns)
{
    /// <summary>
    /// After the run's read (with the rows it loaded): keeps what the read set aside as the reader's rejects table and
    /// returns how many records that is; throws when the file had no readable record at all.
    /// </summary>
    public Func<DuckDBConnection, long, CancellationToken, Task<long>> FinishAsync { get; init; } = (_, _, _) => Task.FromResult(0L);

    /// <summary>DuckDB's error while reading the file, as a reason that names the file and what was wrong.</summary>
    public required Func<DuckDBException, CancellationToken, Task<DataPlaneException>> ExplainAsync { get; init; }

    /// <summary>How many rows the read should yield, for the progress of the run while it reads (see <see cref="RowEstimate"/>); null when unknown.</summary>
    public long? EstimatedRows { get; init; }
}

/// <summary>
/// A reader of files DuckDB reads itself (CSV, Parquet, JSON lines). Onboarding does not copy such a file into a bronze
/// table: it keeps the file and scans it (<see cref="ScanAsync"/>). <see cref="LoadAsync"/> makes the same read into a table.
/// </summary>
public abstract class FileReader : ISourceReader
{
    public abstract FileFormat Format { get; }

    public bool CanRead(SourceSpec source) => source is FileSource file && file.Format == Format;

    /// <param name="table">The bronze staging table the run would have loaded: names the rejects table (<see cref="ISourceReader.RejectsTable"/>).</param>
    public abstract Task<FileScan> ScanAsync(DuckDBConnection connection, string path, string table, CancellationToken cancellationToken);

    public virtual string? RejectsTable(string table) => null;

    /// <summary>The file's path, once it is known to exist and to be usable in DuckDB's readers.</summary>
    public string CheckedPath(SourceSpec source) => FileSources.CheckedPath(source, Format);

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken)
    {
        var path = CheckedPath(source);
        var scan = await ScanAsync(connection, path, table, cancellationToken);
        try
        {
            await Sql.Db.ExecuteAsync(connection, $"CREATE TABLE {table} AS {scan.Select}", cancellationToken);
        }
        catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await scan.ExplainAsync(e, cancellationToken);
        }
        var rows = await Sql.Db.CountAsync(connection, table, cancellationToken);
        await scan.FinishAsync(connection, rows, cancellationToken);
        rowsRead.Report(rows);
        return rows;
    }
}

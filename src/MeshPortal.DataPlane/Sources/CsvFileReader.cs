using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// CSV files with a header line, read by DuckDB's own parallel CSV reader into text columns. Parsing is strict: a line
/// with too few or too many values, a quote not closed or followed by text, or bytes that are not UTF-8 is not loaded
/// but kept (with its line number and what was wrong) for the quarantine, through DuckDB's <c>store_rejects</c>.
/// </summary>
public sealed class CsvFileReader : ISourceReader
{
    public bool CanRead(SourceSpec source) => source is FileSource { Format: FileFormat.Csv };

    public string? RejectsTable(string table) => Quote.Identifier(RejectsName(table));

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead, CancellationToken cancellationToken)
    {
        var path = FileSources.CheckedPath(source, FileFormat.Csv);
        var header = await CsvHeader.ReadAsync(path, cancellationToken);
        var suffix = Guid.NewGuid().ToString("N");
        var (errors, scans) = ($"_csv_errors_{suffix}", $"_csv_scans_{suffix}");
        var columns = "{" + string.Join(", ", header.Columns.Select(c => $"{Quote.Literal(c)}: 'VARCHAR'")) + "}";
        try
        {
            try
            {
                await Db.ExecuteAsync(connection, $"""
                    CREATE TABLE {table} AS SELECT * FROM read_csv({Quote.Literal(path)},
                        header = true, auto_detect = false, columns = {columns},
                        delim = {Quote.Literal(header.Delimiter.ToString())}, quote = '"', escape = '"', strict_mode = true,
                        store_rejects = true, rejects_table = {Quote.Literal(errors)}, rejects_scan = {Quote.Literal(scans)})
                    """, cancellationToken);
            }
            catch (DuckDBException e)
            {
                throw new DataPlaneException($"'{Path.GetFileName(path)}' could not be read as CSV: {FileSources.Message(e, path)}", e);
            }
            var rows = await Db.CountAsync(connection, table, cancellationToken);
            rowsRead.Report(rows);
            var rejected = await CsvRejects.KeepAsync(connection, path, Quote.Identifier(errors), RejectsName(table), cancellationToken);
            if (rows == 0 && rejected.Count > 0)
                throw new DataPlaneException($"No line of '{Path.GetFileName(path)}' could be read with the {header.Columns.Count} columns of its header "
                    + $"(delimiter '{(header.Delimiter == '\t' ? "tab" : header.Delimiter.ToString())}'): {string.Join("; ", rejected.Take(3))}"
                    + (rejected.Count > 3 ? $"; and {rejected.Count - 3:N0} more" : "") + ".");
            return rows;
        }
        finally
        {
            await Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Quote.Identifier(errors)}; DROP TABLE IF EXISTS {Quote.Identifier(scans)}", CancellationToken.None);
        }
    }

    static string RejectsName(string table) => "_rejects_" + table.Replace('.', '_');
}

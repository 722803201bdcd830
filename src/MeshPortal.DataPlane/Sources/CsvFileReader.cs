using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// CSV files with a header line, read by DuckDB's own parallel CSV reader into text columns. Parsing is strict: a line
/// with too few or too many values, a quote not closed or followed by text, or bytes that are not UTF-8 is not loaded
/// but kept (with its line number and what was wrong) for the quarantine, through DuckDB's <c>store_rejects</c>.
/// </summary>
public sealed class CsvFileReader : FileReader
{
    public override FileFormat Format => FileFormat.Csv;

    public override string? RejectsTable(string table) => Quote.Identifier(RejectsName(table));

    public override async Task<FileScan> ScanAsync(DuckDBConnection connection, string path, string table, CancellationToken cancellationToken)
    {
        var header = await CsvHeader.ReadAsync(path, cancellationToken);
        var suffix = Guid.NewGuid().ToString("N");
        var (errors, scans) = ($"_csv_errors_{suffix}", $"_csv_scans_{suffix}");
        var columns = "{" + string.Join(", ", header.Columns.Select(c => $"{Quote.Literal(c)}: 'VARCHAR'")) + "}";
        string Read(string at) => $"read_csv({Quote.Literal(at)}, header = true, auto_detect = false, columns = {columns}, "
                                  + $"delim = {Quote.Literal(header.Delimiter.ToString())}, quote = '\"', escape = '\"', strict_mode = true";
        return new FileScan(
            $"SELECT * FROM {Read(path)}, store_rejects = true, rejects_table = {Quote.Literal(errors)}, rejects_scan = {Quote.Literal(scans)})",
            // Skips the lines the run kept as rejects (store_rejects implies ignore_errors).
            at => $"SELECT * FROM {Read(at)}, ignore_errors = true)",
            header.Columns)
        {
            FinishAsync = async (c, rows, token) =>
            {
                try
                {
                    var rejected = await CsvRejects.KeepAsync(c, path, Quote.Identifier(errors), RejectsName(table), token);
                    if (rows == 0 && rejected.Count > 0)
                        throw new DataPlaneException($"No line of '{Path.GetFileName(path)}' could be read with the {header.Columns.Count} columns of its header "
                            + $"(delimiter '{(header.Delimiter == '\t' ? "tab" : header.Delimiter.ToString())}'): {string.Join("; ", rejected.Take(3))}"
                            + (rejected.Count > 3 ? $"; and {rejected.Count - 3:N0} more" : "") + ".");
                    return rejected.Count == 0 ? 0 : await Db.CountAsync(c, RejectsTable(table)!, token);
                }
                finally
                {
                    await Db.ExecuteAsync(c, $"DROP TABLE IF EXISTS {Quote.Identifier(errors)}; DROP TABLE IF EXISTS {Quote.Identifier(scans)}", CancellationToken.None);
                }
            },
            ExplainAsync = (e, _) => Task.FromResult(new DataPlaneException($"'{Path.GetFileName(path)}' could not be read as CSV: {FileSources.Message(e, path)}", e)),
            EstimatedRows = RowEstimate.OfLines(path, headerLines: 1),
        };
    }

    static string RejectsName(string table) => "_rejects_" + table.Replace('.', '_');
}

using System.Collections.Concurrent;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// Each quantum's own storage, in its folder under the root: one DuckDB database file, a folder of uploaded files and a
/// folder of the files kept as bronze.
/// </summary>
/// <remarks>
/// DuckDB.NET keeps one DuckDB instance per database path for the whole process (its connection cache is keyed by the
/// data source and closes the instance with the last connection), so every connection opened here — the onboarding's
/// writer and any number of readers — shares one instance and sees each commit. The settings in the connection string
/// (memory limit, threads, temp directory) therefore apply from whichever connection opens the instance first, and
/// they are the same for all. The path must always be spelled the same (it is built here from the full root path):
/// DuckDB.NET keys its cache by the data source text, and a second spelling of the same file opens a second instance in
/// the process, which does not see the first one's commits. Another process cannot open the file while this one has it
/// open, so a quantum's runs and reads belong to one process at a time.
/// </remarks>
public sealed partial class QuantumStorage(DataPlaneOptions options)
{
    static readonly ConcurrentDictionary<string, SemaphoreSlim> Initialized = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, bool> Ready = new(StringComparer.Ordinal);

    string Folder(Guid quantumId) => Path.Combine(Path.GetFullPath(options.RootPath), quantumId.ToString("N"));

    public string DatabasePath(Guid quantumId) => Path.Combine(Folder(quantumId), "data.duckdb");

    /// <summary>Where uploads of the quantum are kept.</summary>
    public string FilesDirectory(Guid quantumId) => Path.Combine(Folder(quantumId), "files");

    /// <summary>
    /// Where onboarding keeps the files that published bronze views read (one per run, named after the run). DuckDB reads
    /// them by a path relative to the quantum's folder (<see cref="BronzeSqlPath"/>), which every connection sets as its
    /// <c>file_search_path</c>: the views still work when the data folder moves.
    /// </summary>
    public string BronzeDirectory(Guid quantumId) => Path.Combine(Folder(quantumId), BronzeFolder);

    /// <summary>How a kept bronze file is named in SQL: relative to the quantum's folder.</summary>
    public static string BronzeSqlPath(string fileName) => BronzeFolder + "/" + fileName;

    const string BronzeFolder = "bronze";

    /// <summary>Where DuckDB spills what does not fit in its memory limit, and where exports are written before they are streamed.</summary>
    public string TempDirectory(Guid quantumId) => Path.Combine(Folder(quantumId), "tmp");

    public bool Exists(Guid quantumId) => File.Exists(DatabasePath(quantumId));

    /// <summary>An open connection to the quantum's database (created with its schemas and <c>meta.loads</c> on first use).</summary>
    public async Task<DuckDBConnection> OpenAsync(Guid quantumId, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder(quantumId));
        Directory.CreateDirectory(TempDirectory(quantumId));
        var connection = new DuckDBConnection(ConnectionString(quantumId));
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (DuckDBException e) when (e.Message.Contains("Could not set lock on file", StringComparison.Ordinal))
            {
                var holder = HolderOfLock().Match(e.Message) is { Success: true } m ? $" (process {m.Groups[1].Value})" : "";
                throw new QuantumBusyException($"The data of this quantum is in use by another MeshPortal process{holder}: a quantum's database "
                    + "is open in one process at a time, so its runs and reads take turns. Try again once that process's run or read is over.", e);
            }
            // Kept bronze files are named relative to the quantum's folder. Timestamps with an offset are stored as UTC
            // instants, those without are read as UTC, and zoned ones are shown in UTC: never in the server's own zone.
            await Db.ExecuteAsync(connection, $"SET file_search_path = {Quote.Literal(Folder(quantumId))}; SET TimeZone = 'UTC'", cancellationToken);
            await EnsureSchemaAsync(connection, DatabasePath(quantumId), cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection for onboarding work: the memory limit and thread count of <see cref="DataPlaneOptions"/> (set again in
    /// case the instance was opened before the options changed), query progress on for the progress bar, and the
    /// compression of text columns set to zstd (see <see cref="TextCompression"/>).
    /// </summary>
    public async Task<DuckDBConnection> OpenForOnboardingAsync(Guid quantumId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(quantumId, cancellationToken);
        try
        {
            var settings = new List<string>
            {
                $"SET memory_limit = {Quote.Literal(options.DuckDbMemoryLimit)}",
                $"SET temp_directory = {Quote.Literal(TempDirectory(quantumId))}",
                "SET preserve_insertion_order = true",
                "SET enable_progress_bar = true",
                "SET enable_progress_bar_print = false",
                $"SET force_compression = {Quote.Literal(TextCompression)}",
            };
            if (options.DuckDbThreads > 0) settings.Add($"SET threads = {options.DuckDbThreads}");
            foreach (var setting in settings) await Db.ExecuteAsync(connection, setting, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The compression of new column segments. DuckDB's automatic choice for text (dictionary + FSST) is what makes writing
    /// a wide text table such as bronze cost twice the CPU of the same data typed; zstd costs about what no compression
    /// does and still makes the text 2–3 times smaller (measured on a 12-column CSV: 6.6 s CPU and 207 MB with zstd,
    /// 12.2 s and 110 MB with the automatic choice, 5.9 s and 488 MB uncompressed, for 3 M rows). Types zstd does not
    /// apply to keep DuckDB's own choice. <c>force_compression</c> is per instance and only changes how new data is written;
    /// zstd needs a database file created with a recent storage version (<c>storage_compatibility_version = latest</c>).
    /// </summary>
    internal const string TextCompression = "zstd";

    /// <summary>Removes the quantum's database and files (when the quantum is deleted).</summary>
    public void Delete(Guid quantumId)
    {
        Ready.TryRemove(DatabasePath(quantumId), out _);
        if (Directory.Exists(Folder(quantumId))) Directory.Delete(Folder(quantumId), recursive: true);
    }

    string ConnectionString(Guid quantumId)
    {
        var builder = new DuckDBConnectionStringBuilder
        {
            DataSource = DatabasePath(quantumId),
            MemoryLimit = options.DuckDbMemoryLimit,
            TempDirectory = TempDirectory(quantumId),
            // Only read when the file is created: a file created by an older version keeps its storage version.
            StorageCompatibilityVersion = "latest",
        };
        if (options.DuckDbThreads > 0) builder.Threads = options.DuckDbThreads;
        return builder.ConnectionString;
    }

    static async Task EnsureSchemaAsync(DuckDBConnection connection, string path, CancellationToken cancellationToken)
    {
        if (Ready.ContainsKey(path)) return;
        // One creator at a time: two connections creating the same schema at once would conflict in DuckDB's catalog.
        var gate = Initialized.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Ready.ContainsKey(path)) return;
            foreach (var statement in MetaLoads.Schema) await Db.ExecuteAsync(connection, statement, cancellationToken);
            Ready[path] = true;
        }
        finally
        {
            gate.Release();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(PID (\d+)\)")]
    private static partial System.Text.RegularExpressions.Regex HolderOfLock();
}

using System.Diagnostics;
using DuckDB.NET.Data;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;

namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// The engine end to end, as the onboarding job calls it: OnboardingEngine.RunAsync on the generated file (a file
/// source under the allowed root) against the benchmark contract, into the quantum's own DuckDB file.
/// </summary>
public static class EnginePhase
{
    /// <summary>
    /// Whether the engine quarantines both rows of a duplicated key (true) or keeps the first and quarantines the later
    /// ones (false, what OnboardingRunner does).
    /// </summary>
    public const bool QuarantinesEveryDuplicate = false;

    /// <summary>The benchmark's quantum: always the same, so a rerun finds the first run's published data.</summary>
    private static readonly Guid QuantumId = Guid.Parse("0b5e7c1a-0000-4000-8000-000000000005");

    /// <param name="rerun">Run on the quantum the first run published (the run replaces its data) instead of an empty one.</param>
    /// <param name="profile">
    /// Log every statement the engine runs (DuckDB's QueryLog, enabled for the database instance from a second connection)
    /// and give each one's time in <see cref="Measurement.Statements"/>. Logging costs a little: not a measured run.
    /// </param>
    /// <param name="upload">
    /// Onboard the file as an upload of the quantum (copied into its files folder before the timing starts, as the upload
    /// would have written it), which bronze keeps as a hard link, instead of as a file under the allowed root, which bronze
    /// keeps as a copy.
    /// </param>
    public static async Task<Measurement> RunAsync(string name, OrdersCsv file, string csv, string work, bool rerun, bool profile = false, bool upload = false)
    {
        var options = new DataPlaneOptions { RootPath = Path.Combine(work, "quanta"), AllowedFileRoot = work };
        var storage = new QuantumStorage(options);
        if (!rerun) storage.Delete(QuantumId);
        else if (!storage.Exists(QuantumId)) throw new InvalidOperationException("The rerun needs the first run's quantum.");
        if (upload)
        {
            Directory.CreateDirectory(storage.FilesDirectory(QuantumId));
            var uploaded = Path.Combine(storage.FilesDirectory(QuantumId), "orders.csv");
            File.Copy(csv, uploaded, overwrite: true);
            // On disk before the timing starts, as an upload finished earlier would be.
            using (var written = new FileStream(uploaded, FileMode.Open, FileAccess.ReadWrite)) written.Flush(flushToDisk: true);
            csv = uploaded;
        }
        var engine = new OnboardingEngine(storage, Readers(options), options);
        var contract = OrdersContract.Normalized();
        var request = new OnboardingRequest(QuantumId, Guid.NewGuid(), new FileSource(csv, FileFormat.Csv), contract, OrdersCsv.ObjectName);
        await BaselinePhase.WarmUpAsync();
        // The engine's connections share one DuckDB instance per file in this process (see QuantumStorage), so a
        // connection opened here sees its statements in the instance-wide log.
        await using var log = profile ? await storage.OpenAsync(QuantumId) : null;
        if (log is not null) await ExecuteAsync(log, "CALL enable_logging('QueryLog')");
        using var cpu = profile ? new CpuSampler() : null;
        var result = await Measure.RunAsync(name, async () =>
        {
            var clock = new PhaseClock();
            var done = await engine.RunAsync(request, clock, CancellationToken.None);
            return Measure.Of(done.RowsRead, done.RowsValid, done.RowsQuarantined, clock.Finish());
        });
        if (log is not null) result = result with { Statements = await StatementsAsync(log, cpu!) };
        var folder = Path.GetDirectoryName(storage.DatabasePath(QuantumId))!;
        var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var (detail, matches) = await PublishedAsync(storage, new QuantumDataReader(storage), file);
        return result with { DatabaseBytes = bytes, Detail = detail, QuarantineMatches = matches };
    }

    /// <summary>
    /// After the measured run: the published tables as a reader of the quantum sees them (meta.loads and the tables), and
    /// whether the quarantine holds exactly the planted rows (by order_id).
    /// </summary>
    private static async Task<(string Detail, bool Matches)> PublishedAsync(QuantumStorage storage, QuantumDataReader data, OrdersCsv file)
    {
        var layers = await data.LayersAsync(QuantumId);
        var tables = string.Join(", ", layers.OrderBy(l => l.Layer).Select(l => $"{l.Layer.Schema()}.{l.ObjectName} {l.Rows:N0} rows"));
        var expected = file.QuarantinedKeys(QuarantinesEveryDuplicate);
        await using var connection = await storage.OpenAsync(QuantumId);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT order_id FROM {Layer.Quarantine.TableOf(OrdersCsv.ObjectName)} ORDER BY TRY_CAST(order_id AS BIGINT)";
        var found = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) found.Add(reader.IsDBNull(0) ? -1 : long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture));
        var same = found.SequenceEqual(expected);
        return ($"published: {tables}; quarantined order_ids {(same ? "are exactly the planted rows'" : $"**differ from the planted rows'** ({found.Except(expected).Count()} unexpected, {expected.Except(found).Count()} missing)")}", same);
    }

    /// <summary>
    /// Each logged statement of the engine's connection with its time: from its start to the start of the next one on the
    /// same connection (the last one: to the end of the log), so the little .NET work between statements is counted in.
    /// </summary>
    private static async Task<List<StatementTime>> StatementsAsync(DuckDBConnection log, CpuSampler cpu)
    {
        await using var command = log.CreateCommand();
        command.CommandText = """
            SELECT connection_id, epoch_us(timestamp) AS at, message FROM duckdb_logs WHERE type = 'QueryLog' ORDER BY timestamp
            """;
        var rows = new List<(long Connection, long At, string Sql)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((Convert.ToInt64(reader.GetValue(0)), reader.GetInt64(1), reader.GetString(2)));
        var end = rows.Count > 0 ? rows[^1].At : 0;
        return rows.Select((r, i) =>
            {
                var until = rows.Skip(i + 1).FirstOrDefault(n => n.Connection == r.Connection).At is var next and > 0 ? next : end;
                return new StatementTime((until - r.At) / 1e6, cpu.Between(r.At, until), r.Connection, r.Sql);
            })
            .ToList();
    }

    /// <summary>The process's CPU time every 20 ms, to give each logged statement its CPU time as well (to ±20 ms).</summary>
    private sealed class CpuSampler : IDisposable
    {
        private readonly List<(long AtMicroseconds, double CpuSeconds)> _samples = [];
        private readonly Timer _timer;

        public CpuSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime.TotalSeconds;
            var at = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
            lock (_samples) _samples.Add((at, cpu));
        }

        /// <summary>CPU seconds between two instants (microseconds since the epoch, UTC, as DuckDB's log has them).</summary>
        public double Between(long from, long to)
        {
            lock (_samples)
            {
                double At(long t) => _samples.LastOrDefault(s => s.AtMicroseconds <= t, _samples.FirstOrDefault()).CpuSeconds;
                return _samples.Count == 0 ? 0 : At(to) - At(from);
            }
        }

        public void Dispose() => _timer.Dispose();
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static IEnumerable<ISourceReader> Readers(DataPlaneOptions options) => [new CsvFileReader()];

    /// <summary>Times the engine's phases from its progress reports (the first report of a phase starts it).</summary>
    private sealed class PhaseClock : IProgress<OnboardingProgress>
    {
        private readonly Stopwatch _timer = Stopwatch.StartNew();
        private readonly List<PhaseTime> _phases = [];
        private OnboardingPhase? _current;
        private double _since;

        public void Report(OnboardingProgress value)
        {
            lock (_phases)
            {
                if (value.Phase == _current) return;
                var now = _timer.Elapsed.TotalSeconds;
                if (_current is { } current) _phases.Add(new PhaseTime(current.ToString().ToLowerInvariant(), now - _since));
                else _phases.Add(new PhaseTime("before the first report", now));
                _current = value.Phase;
                _since = now;
            }
        }

        public List<PhaseTime> Finish()
        {
            lock (_phases)
            {
                if (_current is { } current)
                    _phases.Add(new PhaseTime(current == OnboardingPhase.Done ? "after done (closing the connection)" : current.ToString().ToLowerInvariant(), _timer.Elapsed.TotalSeconds - _since));
                _current = null;
                return [.. _phases];
            }
        }
    }
}

using DuckDB.NET.Data;
using MeshPortal.DataPlane;

namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// The engine's limit: DuckDB's own CSV reader loading the file into a table of a fresh database file, with the
/// DuckDB settings the engine runs with, and nothing else — no validation, no quarantine, no publish.
/// </summary>
public static class BaselinePhase
{
    /// <param name="allVarchar">
    /// Every column as text (what bronze stores). Without it DuckDB detects the types from a sample of the file and
    /// skips the lines that do not fit them (<c>ignore_errors</c>): the plain call stops at the first planted bad
    /// number ("Could not convert string "12,50" to 'DOUBLE'").
    /// </param>
    public static async Task<Measurement> ReadCsvAsync(string name, string csv, string database, bool allVarchar, DataPlaneOptions options)
    {
        Reset(database);
        await WarmUpAsync();
        var load = $"CREATE TABLE t AS SELECT * FROM read_csv({Literal(csv)}, {(allVarchar ? "all_varchar = true" : "ignore_errors = true")})";
        var result = await Measure.RunAsync(name, async () =>
        {
            await using var connection = new DuckDBConnection($"Data Source={database}");
            await connection.OpenAsync();
            foreach (var setting in Settings(options)) await ExecuteAsync(connection, setting);
            await ExecuteAsync(connection, load);
            var rows = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM t"));
            // The engine's publish ends with its data in the database file; so does this.
            await ExecuteAsync(connection, "CHECKPOINT");
            return Measure.Of(rows);
        });
        await using var check = new DuckDBConnection($"Data Source={database}");
        await check.OpenAsync();
        var types = new List<string>();
        await using (var command = check.CreateCommand())
        {
            command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) types.Add($"{reader.GetString(0)} {reader.GetString(1)}");
        }
        var version = await ScalarAsync(check, "SELECT version()");
        return result with { Detail = $"DuckDB {version}; {string.Join(", ", types)}", DatabaseBytes = new FileInfo(database).Length };
    }

    /// <summary>
    /// The statements that give a connection the engine's DuckDB settings, read from <see cref="DataPlaneOptions"/>'s
    /// defaults: the memory limit always, the thread count when it is not "one per core" (DuckDB's own default).
    /// </summary>
    public static IEnumerable<string> Settings(DataPlaneOptions options)
    {
        yield return $"SET memory_limit = {Literal(options.DuckDbMemoryLimit)}";
        if (options.DuckDbThreads > 0) yield return $"SET threads = {options.DuckDbThreads}";
    }

    /// <summary>Loads DuckDB's native library and runs a first query, so the measured run does not pay for it.</summary>
    public static async Task WarmUpAsync()
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await ScalarAsync(connection, "SELECT count(*) FROM range(1000)");
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";

    private static void Reset(string database)
    {
        foreach (var file in new[] { database, database + ".wal" })
            if (File.Exists(file)) File.Delete(file);
        if (Directory.Exists(database + ".tmp")) Directory.Delete(database + ".tmp", recursive: true);
    }
}

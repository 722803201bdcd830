using System.Text;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Tests.Support;

/// <summary>
/// A data folder in the temp directory with the real engine, storage and reader over it, and one quantum to work on.
/// Deleted when the test ends.
/// </summary>
public sealed class Workspace : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("meshportal-dataplane-").FullName;
    public DataPlaneOptions Options { get; }
    public QuantumStorage Storage { get; }
    public OnboardingEngine Engine { get; }
    public QuantumDataReader Reader { get; }
    public Guid QuantumId { get; } = Guid.NewGuid();

    public Workspace(TimeSpan? userSqlTimeout = null)
    {
        Options = new DataPlaneOptions
        {
            RootPath = Path.Combine(Root, "quanta"),
            DuckDbMemoryLimit = "512MB",
            DuckDbThreads = 2,
            UserSqlTimeout = userSqlTimeout ?? TimeSpan.FromSeconds(60),
        };
        Storage = new QuantumStorage(Options);
        Engine = new OnboardingEngine(Storage, [new CsvFileReader(), new ParquetFileReader(), new JsonLinesFileReader()], Options);
        Reader = new QuantumDataReader(Storage);
    }

    public string File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public string File(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public static FileSource Csv(string path) => new(path, FileFormat.Csv);

    public OnboardingRequest Request(SourceSpec source, ContractObject contractObject, string? gold = null, NormalizedContract? contract = null) =>
        new(QuantumId, Guid.NewGuid(), source, contract ?? Contracts.Contract(contractObject), contractObject.Name, gold);

    public Task<OnboardingResult> RunAsync(SourceSpec source, ContractObject contractObject, string? gold = null, IProgress<OnboardingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Engine.RunAsync(Request(source, contractObject, gold), progress ?? new ProgressLog(), cancellationToken);

    /// <summary>Rows of a query on the quantum's database, each value as DuckDB.NET gives it (DBNull as null).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await Storage.OpenAsync(QuantumId);
        return Query(connection, sql);
    }

    public static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return rows;
    }

    public async Task<long> CountAsync(string table) => Convert.ToInt64((await QueryAsync($"SELECT count(*) FROM {table}"))[0][0]);

    /// <summary>Tables and views (bronze kept as a file) of the layer schemas, as schema.name, sorted.</summary>
    public async Task<List<string>> TablesAsync() =>
        (await QueryAsync("""
            SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE schema_name IN ('bronze', 'silver', 'quarantine', 'gold')
            UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE schema_name IN ('bronze', 'silver', 'quarantine', 'gold')
            ORDER BY 1
            """))
        .Select(r => (string)r[0]!).ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

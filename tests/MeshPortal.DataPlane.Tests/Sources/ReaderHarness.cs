using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>Runs one reader into a staging table of a real quantum database and reads back what it made.</summary>
public sealed class ReaderHarness : IAsyncDisposable
{
    public const string Table = "bronze._stage_test";
    public Workspace Workspace { get; } = new();
    public DuckDBConnection Connection { get; private set; } = null!;

    public static async Task<ReaderHarness> StartAsync()
    {
        var harness = new ReaderHarness();
        harness.Connection = await harness.Workspace.Storage.OpenForOnboardingAsync(harness.Workspace.QuantumId);
        return harness;
    }

    public async Task<long> LoadAsync(ISourceReader reader, SourceSpec source) =>
        await reader.LoadAsync(Connection, Table, source, new Progress<long>(), CancellationToken.None);

    public List<string> Columns() => Workspace.Query(Connection,
            "SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE schema_name = 'bronze' AND table_name = '_stage_test' ORDER BY column_index")
        .Select(r => (string)r[0]!).ToList();

    public List<string?[]> Rows(string sql = $"SELECT * FROM {Table}") =>
        Workspace.Query(Connection, sql).Select(r => r.Select(v => v?.ToString()).ToArray()).ToList();

    /// <summary>A row as one line, values separated by |, null as ∅.</summary>
    public static string Line(IEnumerable<string?> row) => string.Join("|", row.Select(v => v ?? "∅"));

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Workspace.Dispose();
    }
}

using DuckDB.NET.Data;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Quality;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Quality;

/// <summary>What a check of the published data found, and which onboarding run had published it.</summary>
public sealed record PublishedCheck(IReadOnlyList<RuleResult> Results, Guid LoadRunId);

/// <summary>
/// Runs the quality engine on a quantum's published data, in one DuckDB read transaction: every rule sees the same
/// published state even when an onboarding publishes meanwhile, and the run knows exactly which load it checked.
/// </summary>
public sealed class PublishedData(QuantumStorage storage, QualityEngine engine)
{
    // meta.loads (written by the engine in its publish transaction) says which run loaded each table; only tables that
    // still exist count. Silver and gold are the layers a quantum serves.
    private const string ServedTables = """
        SELECT l.layer, l.object, l.run_id, l.loaded_at
        FROM meta.loads l
        JOIN duckdb_tables() t ON t.database_name = current_database() AND t.schema_name = l.layer AND lower(t.table_name) = lower(l.object)
        WHERE l.layer IN ('silver', 'gold')
        QUALIFY row_number() OVER (PARTITION BY l.layer, lower(l.object) ORDER BY l.loaded_at DESC, l.run_id) = 1
        """;

    /// <summary>Checks <paramref name="contract"/>'s rules on the quantum's published tables (gold, else silver, per object).</summary>
    /// <exception cref="DataPlaneException">Nothing is published.</exception>
    public async Task<PublishedCheck> CheckAsync(Guid quantumId, NormalizedContract contract, CancellationToken ct)
    {
        if (!storage.Exists(quantumId)) throw new DataPlaneException("Nothing is published yet: onboard a source first.");
        await using var connection = await storage.OpenAsync(quantumId, ct);
        await ExecuteAsync(connection, "BEGIN TRANSACTION", CancellationToken.None);
        try
        {
            var tables = await ReadAsync(connection, ct);
            if (tables.Count == 0) throw new DataPlaneException("Nothing is published yet: onboard a source first.");
            string? TableOf(string name)
            {
                var matches = tables.Where(t => string.Equals(t.Object, name, StringComparison.OrdinalIgnoreCase)).ToList();
                var table = matches.FirstOrDefault(t => t.Layer == Layer.Gold) ?? matches.FirstOrDefault(t => t.Layer == Layer.Silver);
                return table is null ? null : table.Layer.TableOf(table.Object);
            }
            var results = await engine.RunAsync(connection, contract, TableOf, ct);
            return new PublishedCheck(results, tables.MaxBy(t => t.LoadedAt)!.RunId);
        }
        finally
        {
            try
            {
                await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            }
            catch (DuckDBException)
            {
                // An interrupted query may have ended the transaction already; the connection is closed next anyway.
            }
        }
    }

    private sealed record Table(Layer Layer, string Object, Guid RunId, DateTime LoadedAt);

    private static async Task<List<Table>> ReadAsync(DuckDBConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ServedTables;
        using var interrupt = ct.Register(static c => ((DuckDBCommand)c!).Cancel(), command);
        return await Task.Run(() =>
        {
            using var reader = command.ExecuteReader();
            var tables = new List<Table>();
            while (reader.Read())
                tables.Add(new Table(LayerNames.Parse(reader.GetString(0))!.Value, reader.GetString(1), reader.GetGuid(2), reader.GetDateTime(3)));
            return tables;
        }, CancellationToken.None);
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await Task.Run(command.ExecuteNonQuery, ct);
    }
}

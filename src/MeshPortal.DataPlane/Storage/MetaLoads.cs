namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// <c>meta.loads</c>: one row per table a run published, written in the publish transaction. The latest row of a layer
/// and object describes the table that is published now; older rows are the history of loads.
/// </summary>
internal static class MetaLoads
{
    public const string Table = "meta.loads";

    public static readonly string[] Schema =
    [
        .. LayerNames.All.Select(l => $"CREATE SCHEMA IF NOT EXISTS {l.Schema()}"),
        "CREATE SCHEMA IF NOT EXISTS meta",
        """
        CREATE TABLE IF NOT EXISTS meta.loads (
            layer VARCHAR NOT NULL,
            object VARCHAR NOT NULL,
            rows BIGINT NOT NULL,
            run_id UUID NOT NULL,
            loaded_at TIMESTAMP NOT NULL,
            contract_id VARCHAR NOT NULL,
            contract_version VARCHAR NOT NULL,
            source VARCHAR,
            rows_read BIGINT,
            duration_ms BIGINT
        )
        """,
    ];

    /// <summary>Parameters: layer, object, rows, run_id, loaded_at (UTC), contract_id, contract_version, source, rows_read, duration_ms.</summary>
    public const string Insert = "INSERT INTO meta.loads VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    /// <summary>The latest load of each layer and object whose table (or, for bronze kept as a file, view) exists now.</summary>
    public const string Published = """
        WITH latest AS (
            SELECT *, row_number() OVER (PARTITION BY layer, lower(object) ORDER BY loaded_at DESC, run_id) AS n FROM meta.loads
        )
        SELECT l.layer, l.object, l.rows, l.run_id, l.loaded_at, l.contract_id, l.contract_version, t.table_name
        FROM latest l
        JOIN (
            SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()
            UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database()
        ) t ON t.schema_name = l.layer AND lower(t.table_name) = lower(l.object)
        WHERE l.n = 1
        ORDER BY l.object, l.layer
        """;
}

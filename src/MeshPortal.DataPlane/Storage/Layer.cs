using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// The layers of a quantum's data. Each is a DuckDB schema in the quantum's own database file; each schema
/// object of the contract becomes one table per layer, named after the object.
/// </summary>
public enum Layer
{
    /// <summary>
    /// The source as ingested, every column as text, plus the load metadata (_run_id, _loaded_at, _row_number). For a file
    /// source, a view over the file kept in the quantum's folder; for a database or a composition, a table.
    /// </summary>
    Bronze,
    /// <summary>The rows that satisfy the contract schema, typed as the contract says.</summary>
    Silver,
    /// <summary>The rows that did not, as ingested, with the reasons.</summary>
    Quarantine,
    /// <summary>Optional: the result of the owner's SELECT over silver.</summary>
    Gold,
}

public static class LayerNames
{
    public static readonly IReadOnlyList<Layer> All = [Layer.Bronze, Layer.Silver, Layer.Quarantine, Layer.Gold];

    /// <summary>The DuckDB schema of the layer: bronze, silver, quarantine, gold.</summary>
    public static string Schema(this Layer layer) => layer switch
    {
        Layer.Bronze => "bronze",
        Layer.Silver => "silver",
        Layer.Quarantine => "quarantine",
        Layer.Gold => "gold",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    public static Layer? Parse(string schema) => All.Cast<Layer?>().FirstOrDefault(l => string.Equals(l!.Value.Schema(), schema, StringComparison.OrdinalIgnoreCase));

    /// <summary>The published table of an object in a layer, quoted for SQL: <c>"silver"."orders"</c>.</summary>
    public static string TableOf(this Layer layer, string objectName) => Quote.Table(layer.Schema(), objectName);
}

namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// The layers of a quantum's data. Each is a DuckDB schema in the quantum's own database file; each schema
/// object of the contract becomes one table per layer, named after the object.
/// </summary>
public enum Layer
{
    /// <summary>The source as ingested, every column as text, plus the load metadata (_run_id, _loaded_at, _row_number).</summary>
    Bronze,
    /// <summary>The rows that satisfy the contract schema, typed as the contract says.</summary>
    Silver,
    /// <summary>The rows that did not, as ingested, with the reasons.</summary>
    Quarantine,
    /// <summary>Optional: the result of the owner's SELECT over silver.</summary>
    Gold,
}

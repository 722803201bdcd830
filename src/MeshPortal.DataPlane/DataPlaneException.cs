namespace MeshPortal.DataPlane;

/// <summary>
/// A failure a user can act on: a malformed file, a missing table, a bad connection, a gold query that writes.
/// The message names what was wrong and where; it never contains a secret.
/// </summary>
public class DataPlaneException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The quantum's database is open in another process: DuckDB lets one process open a database file at a time, so with
/// several MeshPortal processes over one data folder, a quantum's runs and reads take turns. Worth retrying later.
/// </summary>
public sealed class QuantumBusyException(string message, Exception? inner = null) : DataPlaneException(message, inner);

namespace MeshPortal.DataPlane;

/// <summary>
/// A failure a user can act on: a malformed file, a missing table, a bad connection, a gold query that writes.
/// The message names what was wrong and where; it never contains a secret.
/// </summary>
public sealed class DataPlaneException(string message, Exception? inner = null) : Exception(message, inner);

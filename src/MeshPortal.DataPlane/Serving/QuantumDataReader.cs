using MeshPortal.DataPlane.Storage;

namespace MeshPortal.DataPlane.Serving;

/// <summary>Reads a quantum's published data: layer summaries, previews, the quarantine, and streamed exports.</summary>
#pragma warning disable CS9113 // skeleton: the engine helper implements it
public sealed class QuantumDataReader(QuantumStorage storage)
{
    /// <summary>Every published table of the quantum (empty before the first successful run).</summary>
    public Task<IReadOnlyList<LayerTable>> LayersAsync(Guid quantumId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Rows of one published table; <paramref name="masked"/> columns are replaced by a mask.</summary>
    public Task<TablePage> PageAsync(Guid quantumId, Layer layer, string objectName, int limit, long offset,
        IReadOnlySet<string> masked, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Streams rows of one published table to <paramref name="output"/> in <paramref name="format"/>; masked columns are written as null.</summary>
    public Task WriteAsync(Guid quantumId, Layer layer, string objectName, DataFormat format, long? limit, long offset,
        IReadOnlySet<string> masked, Stream output, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

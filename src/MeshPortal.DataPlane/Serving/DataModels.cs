using MeshPortal.DataPlane.Storage;

namespace MeshPortal.DataPlane.Serving;

public enum DataFormat { Csv, Json, Parquet }

/// <summary>A column as found in a layer's table.</summary>
public sealed record FoundColumn(string Name, string Type);

/// <summary>
/// One published table of a layer: its size, when and by which run it was loaded, the contract version the run
/// validated against, its columns.
/// </summary>
public sealed record LayerTable(Layer Layer, string ObjectName, long Rows, Guid RunId, DateTimeOffset LoadedAt,
    string ContractId, string ContractVersion, IReadOnlyList<FoundColumn> Columns);

/// <summary>A page of rows for the UI. Values are display text (null stays null); masked columns hold "••••".</summary>
public sealed record TablePage(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, long Total);

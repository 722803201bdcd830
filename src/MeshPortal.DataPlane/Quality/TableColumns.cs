namespace MeshPortal.DataPlane.Quality;

/// <summary>The columns of a published table (names as DuckDB has them), looked up case-insensitively as DuckDB does.</summary>
internal sealed class TableColumns(string table, IEnumerable<string> names)
{
    private readonly Dictionary<string, string> _byName = names.DistinctBy(n => n, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>The qualified table, as given to the engine.</summary>
    public string Table { get; } = table;

    public string? Find(string name) => _byName.GetValueOrDefault(name);
}

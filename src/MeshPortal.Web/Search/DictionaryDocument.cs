namespace MeshPortal.Web.Search;

/// <summary>The kinds of things the dictionary holds; also the "type" facet and the <c>type</c> API filter.</summary>
public static class DictionaryTypes
{
    public const string Domain = "domain";
    public const string Quantum = "quantum";
    public const string Contract = "contract";
    public const string Object = "object";
    public const string Column = "column";

    public static readonly string[] All = [Domain, Quantum, Contract, Object, Column];
}

/// <summary>
/// One entry of the dictionary: a domain, quantum, contract, schema object or column, flattened for search.
/// <see cref="Source"/> groups the entries that come from one stored entity (a quantum; a contract with all its
/// objects and columns) so an entity is re-indexed by replacing its whole source at once.
/// </summary>
public sealed record DictionaryDocument
{
    /// <summary>Unique key, e.g. "column:orders@1.1.0/orders.customer_id".</summary>
    public required string Id { get; init; }
    public required string Type { get; init; }
    /// <summary>"quantum:&lt;guid&gt;", "contract:&lt;id&gt;", "domain:&lt;slug&gt;".</summary>
    public required string Source { get; init; }
    /// <summary>The name shown as the hit's title (weighs most).</summary>
    public required string Title { get; init; }
    public string? Description { get; init; }
    /// <summary>Domain slug.</summary>
    public string? Domain { get; init; }
    public string? QuantumId { get; init; }
    /// <summary>"domain/slug" of the quantum, for display and links.</summary>
    public string? Quantum { get; init; }
    public string? ContractId { get; init; }
    public string? ContractVersion { get; init; }
    /// <summary>Where the entry sits: "orders.customer_id" for a column, the object name for an object.</summary>
    public string? Path { get; init; }
    /// <summary>The portal page that shows the entry.</summary>
    public required string Url { get; init; }
    public string? Tier { get; init; }
    public string? Status { get; init; }
    public string? Classification { get; init; }
    public string? LogicalType { get; init; }
    public string? PhysicalType { get; init; }
    public string? Owner { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}

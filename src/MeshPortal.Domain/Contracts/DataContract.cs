using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Contracts;

/// <summary>
/// A data contract: an ODCS document id with its versions. It belongs to one portal domain, which decides
/// who may change it; the document's own "domain" text is kept as written.
/// </summary>
public sealed class DataContract : IAuditable
{
    /// <summary>The ODCS id, as in the document.</summary>
    public required string Id { get; set; }
    public Guid DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public string Name { get; set; } = "";
    public List<ContractVersion> Versions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>
/// One version of a contract: the document as authored, and the effective document (flattened with its
/// parent's) that consumers, diffs and exports use. Proposed and draft versions may change; others are frozen.
/// </summary>
public sealed class ContractVersion : IAuditable
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ContractId { get; set; }
    public DataContract? Contract { get; set; }
    public required string Version { get; set; }
    /// <summary>Sortable form of the version ("000001.000002.000003~"), so ordering is done by the database.</summary>
    public string SortKey { get; set; } = "";
    public ContractStatus Status { get; set; }
    public string ApiVersion { get; set; } = "";
    /// <summary>The canonical document as authored, JSON.</summary>
    public required string Document { get; set; }
    /// <summary>The document with everything inherited from the parent merged in, JSON; the same as Document without a parent.</summary>
    public required string Effective { get; set; }
    public string? ParentContractId { get; set; }
    public string? ParentVersion { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>Concurrency token for edits to drafts.</summary>
    public int Revision { get; set; } = 1;
    public List<ContractColumn> Columns { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public static string SortKeyOf(SemVer v) => $"{v.Major:D6}.{v.Minor:D6}.{v.Patch:D6}{(v.PreRelease.Length == 0 ? "~" : "-" + v.PreRelease)}";
}

/// <summary>A property of a contract version's effective schema, flattened for the dictionary and for quick lookups.</summary>
public sealed class ContractColumn
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContractVersionId { get; set; }
    public required string ObjectName { get; set; }
    /// <summary>"object.property.nested".</summary>
    public required string Path { get; set; }
    public required string Name { get; set; }
    public string? LogicalType { get; set; }
    public string? PhysicalType { get; set; }
    public string? Description { get; set; }
    public string? Classification { get; set; }
    public bool Pii { get; set; }
    public bool Required { get; set; }
    public bool Unique { get; set; }
    public bool PrimaryKey { get; set; }
    public List<string> Tags { get; set; } = [];
    public int Position { get; set; }
}

namespace MeshPortal.Web.Features.Quanta;

/// <summary>What a client sends to register or change a quantum. Enums travel as kebab-case text and are checked by the validator, so a bad value gets a message naming its field.</summary>
public sealed record QuantumInput
{
    public string? Domain { get; init; }
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Tier { get; init; }
    public string? Status { get; init; }
    public List<string>? Tags { get; init; }
    /// <summary>Username of the owner; defaults to the caller on registration.</summary>
    public string? Owner { get; init; }
    public List<PortInput>? Ports { get; init; }
    /// <summary>The concurrency token read with the quantum (PUT only; the If-Match header works too).</summary>
    public int? Version { get; init; }
}

public sealed record PortInput
{
    public string? Direction { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public string? Description { get; init; }
    public string? Source { get; init; }
    public Guid? UpstreamQuantumId { get; init; }
    public string? UpstreamPort { get; init; }
    public string? Endpoint { get; init; }
}

public sealed record PersonRef(string Username, string DisplayName, string? Email);

public sealed record PortDto(
    string Direction,
    string Name,
    string Kind,
    string Description,
    string? Source,
    Guid? UpstreamQuantumId,
    string? UpstreamPort,
    string? UpstreamQuantum,
    string? Endpoint,
    /// <summary>The contract version an output port serves, or an input port relies on; set with PUT .../ports/{port}/contract.</summary>
    string? ContractId = null,
    string? ContractVersion = null);

public sealed record QuantumDto(
    Guid Id,
    string Domain,
    string DomainName,
    string Slug,
    string Name,
    string Description,
    string Status,
    string Tier,
    IReadOnlyList<string> Tags,
    PersonRef Owner,
    IReadOnlyList<PortDto> Ports,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    /// <summary>The quality standing of the published data (see docs/quality.md); never null in responses.</summary>
    QuantumQualityDto? Quality = null);

/// <summary>
/// A quantum's quality at a glance: the score of the latest quality run of its published data, whether that data fails
/// its contract (a rule of severity error failed), whether it is stale against the SLA, and when it was last checked.
/// </summary>
public sealed record QuantumQualityDto(double? Score, bool FailsContract, bool Stale, DateTimeOffset? LastRunAt);

/// <summary>A quantum that reads from this one (an input port naming one of its output ports).</summary>
public sealed record ConsumerDto(Guid Id, string Domain, string Slug, string Name, string InputPort, string OutputPort);

public sealed record QuantumQuery(
    string? Domain = null,
    string? Status = null,
    string? Tier = null,
    string? Tag = null,
    string? Owner = null,
    string? Text = null,
    int? Page = null,
    int? PageSize = null,
    /// <summary>"name" (default: by domain, then name) or "newest" (most recently registered first).</summary>
    string? Sort = null);

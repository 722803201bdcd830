using System.Text.Json.Nodes;

namespace MeshPortal.Web.Features.Contracts;

public sealed record ContractVersionSummaryDto(string Version, string Status, string? Extends, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

public sealed record ContractSummaryDto(string Id, string Name, string Domain, string DomainName, string? LatestVersion, string? LatestStatus, string? ActiveVersion, int VersionCount, DateTimeOffset UpdatedAt);

/// <summary>A port bound to a contract version: an output port serving it or an input port relying on it.</summary>
public sealed record BoundPortDto(Guid QuantumId, string Domain, string Quantum, string QuantumName, string Direction, string Port, string ContractVersion);

/// <summary>One input or output port of a quantum with the contract version it serves or relies on (status null when unbound or unknown).</summary>
public sealed record PortBindingDto(string Direction, string Port, string Kind, string? ContractId, string? ContractVersion, string? ContractStatus, string? ContractName, Guid? UpstreamQuantumId, string? UpstreamPort);

/// <summary>A contract version that extends a version of this contract.</summary>
public sealed record ChildDto(string ContractId, string Version, string Status, string ExtendsVersion);

public sealed record ContractDto(
    string Id,
    string Name,
    string Domain,
    string DomainName,
    IReadOnlyList<ContractVersionSummaryDto> Versions,
    IReadOnlyList<BoundPortDto> Ports,
    IReadOnlyList<ChildDto> Children);

public sealed record ContractVersionDto(
    string Id,
    string Version,
    string Status,
    string ApiVersion,
    string Name,
    string Domain,
    string? Extends,
    int Revision,
    JsonObject Document,
    JsonObject Effective,
    IReadOnlyList<BoundPortDto> ServedBy,
    IReadOnlyList<BoundPortDto> Consumers,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy);

public sealed record ImportResultDto(string Id, string Version, string Status, string Location);

public sealed record ChangeDto(string Path, string Kind, string? Before, string? After, string Impact);

public sealed record DiffDto(string From, string To, IReadOnlyList<ChangeDto> Changes, string RequiredBump);

/// <summary>Where an imported contract goes: bound to a quantum's output port, or into a domain.</summary>
public sealed record ImportTarget(Guid? QuantumId = null, string? Port = null, string? Domain = null);

public sealed record StatusInput
{
    public string? Status { get; init; }
}

public sealed record BindingInput
{
    public string? ContractId { get; init; }
    public string? Version { get; init; }
}

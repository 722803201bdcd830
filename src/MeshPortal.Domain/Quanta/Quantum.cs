using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;

namespace MeshPortal.Domain.Quanta;

/// <summary>The building block of the mesh: one data product with its ports, owned by a domain.</summary>
public sealed class Quantum : IAuditable
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    /// <summary>Unique within the domain.</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>Markdown, rendered sanitized.</summary>
    public string Description { get; set; } = "";
    public Tier Tier { get; set; }
    public QuantumStatus Status { get; set; } = QuantumStatus.Draft;
    public List<string> Tags { get; set; } = [];
    public Guid OwnerId { get; set; }
    public User? Owner { get; set; }
    public List<Port> Ports { get; set; } = [];

    /// <summary>Optimistic concurrency token: bumped on every change; a write carrying an older value is refused.</summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

namespace MeshPortal.Domain.Mesh;

/// <summary>A business area (sales, logistics…) that owns quanta. Named MeshDomain to keep clear of the namespace.</summary>
public sealed class MeshDomain : IAuditable
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>Markdown, rendered sanitized.</summary>
    public string Description { get; set; } = "";
    public List<DomainMember> Members { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

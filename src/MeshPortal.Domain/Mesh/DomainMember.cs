using MeshPortal.Domain.Identity;

namespace MeshPortal.Domain.Mesh;

/// <summary>A user's role in one domain. One role per user and domain: the owner role includes the engineer's rights.</summary>
public sealed class DomainMember
{
    public Guid DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DomainRole Role { get; set; }
}

namespace MeshPortal.Domain.Identity;

public sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The identity provider's stable id: "local:&lt;username&gt;" for demo personas, the Entra object id otherwise.</summary>
    public required string Subject { get; set; }
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public List<GlobalRole> GlobalRoles { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

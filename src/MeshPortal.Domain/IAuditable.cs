namespace MeshPortal.Domain;

/// <summary>Who created and last changed a record, and when; filled by the persistence layer, never by callers.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; set; }
    string CreatedBy { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string UpdatedBy { get; set; }
}

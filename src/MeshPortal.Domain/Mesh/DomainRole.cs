namespace MeshPortal.Domain.Mesh;

public enum DomainRole
{
    DataProductOwner,
    DomainEngineer,
}

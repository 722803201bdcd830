namespace MeshPortal.Domain.Quanta;

public enum QuantumStatus
{
    Draft,
    Active,
    Deprecated,
    Retired,
}

namespace MeshPortal.Domain.Quanta;

/// <summary>How refined a quantum's data is: raw as ingested, validated, or transformed and ready to serve.</summary>
public enum Tier
{
    Bronze,
    Silver,
    Gold,
}

using MeshPortal.Domain.Identity;

namespace MeshPortal.Domain.Quanta;

/// <summary>What a caller may do to one quantum. The server asks this on every write; the UI asks it only to hide buttons.</summary>
public static class QuantumPermissions
{
    public static bool CanEdit(this Caller caller, Quantum quantum) => caller.CanEditIn(quantum.DomainId);

    /// <summary>Status changes are an owner's decision: they tell consumers whether they may rely on the quantum.</summary>
    public static bool CanChangeStatus(this Caller caller, Quantum quantum) => caller.OwnsDomain(quantum.DomainId);
}

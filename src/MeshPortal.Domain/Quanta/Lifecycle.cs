namespace MeshPortal.Domain.Quanta;

/// <summary>
/// The allowed moves of a quantum through its life. Retired is final: consumers were told it is gone,
/// so it never comes back under the same identity. A deprecated quantum may be reactivated while it still serves.
/// </summary>
public static class Lifecycle
{
    private static readonly Dictionary<QuantumStatus, QuantumStatus[]> Allowed = new()
    {
        [QuantumStatus.Draft] = [QuantumStatus.Active, QuantumStatus.Retired],
        [QuantumStatus.Active] = [QuantumStatus.Deprecated],
        [QuantumStatus.Deprecated] = [QuantumStatus.Active, QuantumStatus.Retired],
        [QuantumStatus.Retired] = [],
    };

    public static IReadOnlyList<QuantumStatus> NextStatuses(QuantumStatus from) => Allowed[from];

    public static bool CanMove(QuantumStatus from, QuantumStatus to) => from == to || Allowed[from].Contains(to);

    /// <summary>Null when the move is allowed, otherwise why not.</summary>
    public static string? Validate(QuantumStatus from, QuantumStatus to) =>
        CanMove(from, to)
            ? null
            : Allowed[from].Length == 0
                ? $"A {from.ToString().ToLowerInvariant()} quantum cannot change status."
                : $"A {from.ToString().ToLowerInvariant()} quantum can move to {string.Join(" or ", Allowed[from].Select(s => s.ToString().ToLowerInvariant()))}, not {to.ToString().ToLowerInvariant()}.";
}

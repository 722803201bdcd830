namespace MeshPortal.Domain.Contracts;

/// <summary>ODCS statuses. Only proposed and draft versions can be edited; active ones are immutable.</summary>
public enum ContractStatus
{
    Proposed,
    Draft,
    Active,
    Deprecated,
    Retired,
}

public static class ContractLifecycle
{
    public static bool IsEditable(ContractStatus status) => status is ContractStatus.Proposed or ContractStatus.Draft;

    private static readonly Dictionary<ContractStatus, ContractStatus[]> Allowed = new()
    {
        [ContractStatus.Proposed] = [ContractStatus.Draft, ContractStatus.Active, ContractStatus.Retired],
        [ContractStatus.Draft] = [ContractStatus.Proposed, ContractStatus.Active, ContractStatus.Retired],
        [ContractStatus.Active] = [ContractStatus.Deprecated],
        [ContractStatus.Deprecated] = [ContractStatus.Active, ContractStatus.Retired],
        [ContractStatus.Retired] = [],
    };

    public static IReadOnlyList<ContractStatus> NextStatuses(ContractStatus from) => Allowed[from];

    public static bool CanMove(ContractStatus from, ContractStatus to) => from == to || Allowed[from].Contains(to);
}

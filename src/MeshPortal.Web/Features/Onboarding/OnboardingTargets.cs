using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>What a source feeds: an output port of the quantum bound to a contract version, and one object of that contract.</summary>
public sealed record OnboardingTarget(Port Port, NormalizedContract Contract, ContractObject Object);

public static class OnboardingTargets
{
    public static async Task<NormalizedContract?> LoadContractAsync(MeshDbContext db, string? contractId, string? version, CancellationToken ct)
    {
        if (contractId is null || version is null) return null;
        var effective = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == contractId && v.Version == version)
            .Select(v => v.Effective).FirstOrDefaultAsync(ct);
        return effective is null ? null : ContractNormalizer.Normalize(JsonNode.Parse(effective)!.AsObject());
    }

    /// <summary>
    /// Checks (or defaults: the first bound output port, its contract's first object) the port and object a source feeds.
    /// Errors are added under "outputPort" and "object".
    /// </summary>
    public static async Task<OnboardingTarget?> ResolveAsync(MeshDbContext db, Quantum quantum, string? port, string? objectName, ValidationErrors errors, CancellationToken ct)
    {
        var outputs = quantum.Ports.Where(p => p.Direction == PortDirection.Output).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var bound = outputs.Where(p => p.ContractId is not null && p.ContractVersion is not null).ToList();
        Port? target;
        if (string.IsNullOrWhiteSpace(port))
        {
            target = bound.FirstOrDefault();
            if (target is null)
            {
                errors.Add("outputPort", outputs.Count == 0
                    ? "The quantum has no output port: add one and bind it to a contract version first."
                    : $"No output port of the quantum is bound to a contract version yet ({string.Join(", ", outputs.Select(p => p.Name))}): bind one first, its contract validates the rows.");
                return null;
            }
        }
        else
        {
            target = outputs.FirstOrDefault(p => p.Name == port.Trim());
            if (target is null)
            {
                errors.Add("outputPort", $"The quantum has no output port '{port}'" + (outputs.Count > 0 ? $"; it has {string.Join(", ", outputs.Select(p => p.Name))}." : "."));
                return null;
            }
            if (target.ContractId is null || target.ContractVersion is null)
            {
                errors.Add("outputPort", $"Output port '{target.Name}' is not bound to a contract version: bind it first, its contract validates the rows.");
                return null;
            }
        }
        var contract = await LoadContractAsync(db, target.ContractId, target.ContractVersion, ct);
        if (contract is null)
        {
            errors.Add("outputPort", $"Output port '{target.Name}' is bound to {target.ContractId}@{target.ContractVersion}, which does not exist.");
            return null;
        }
        if (contract.Objects.Count == 0)
        {
            errors.Add("object", $"Contract {contract.Id}@{contract.Version} has no schema object to load rows into.");
            return null;
        }
        var obj = string.IsNullOrWhiteSpace(objectName) ? contract.Objects[0] : contract.Objects.FirstOrDefault(o => o.Name == objectName.Trim());
        if (obj is null)
        {
            errors.Add("object", $"Contract {contract.Id}@{contract.Version} has no object '{objectName}'; it has {string.Join(", ", contract.Objects.Select(o => o.Name))}.");
            return null;
        }
        return new OnboardingTarget(target, contract, obj);
    }

    /// <summary>Input ports of kind quantum bound to a producer: the tables <c>input."&lt;port&gt;"</c> of a composition.</summary>
    public static List<Port> CompositionInputs(Quantum quantum) =>
        quantum.Ports.Where(p => p.Direction == PortDirection.Input && p.Kind == "quantum" && p.UpstreamQuantumId is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
}

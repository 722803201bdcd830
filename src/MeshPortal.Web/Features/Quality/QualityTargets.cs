using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>The contract version whose rules and SLA a quantum's published data is held to.</summary>
public sealed record QualityTarget(Port Port, NormalizedContract Contract);

/// <summary>What a quality run checks: which contract, and which published table holds each of its objects.</summary>
public static class QualityTargets
{
    /// <summary>
    /// The contract bound to the output port that serves the published data: the bound output port whose contract is the
    /// one the latest successful load was validated against (at the version the port serves now), else the first bound
    /// output port by name. Null when no output port is bound to a contract version that exists.
    /// </summary>
    public static async Task<QualityTarget?> ResolveAsync(MeshDbContext db, Quantum quantum, CancellationToken ct)
    {
        var bound = quantum.Ports.Where(p => p.Direction == PortDirection.Output && p.ContractId is not null && p.ContractVersion is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (bound.Count == 0) return null;
        var loaded = await LastLoadAsync(db, quantum.Id, ct);
        var port = bound.FirstOrDefault(p => p.ContractId == loaded?.ContractId) ?? bound[0];
        var contract = await OnboardingTargets.LoadContractAsync(db, port.ContractId, port.ContractVersion, ct);
        return contract is null ? null : new QualityTarget(port, contract);
    }

    /// <summary>The latest successful onboarding run of the quantum: what it publishes now.</summary>
    public static Task<OnboardingRun?> LastLoadAsync(MeshDbContext db, Guid quantumId, CancellationToken ct) =>
        db.OnboardingRuns.AsNoTracking().Where(r => r.QuantumId == quantumId && r.Status == RunStatus.Succeeded)
            .OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);

    /// <summary>The table each object is served from: gold when the quantum has a gold table for it, else silver; null when neither.</summary>
    public static Func<string, string?> TableOf(IReadOnlyList<LayerTable> layers) => name =>
    {
        var table = Find(layers, Layer.Gold, name) ?? Find(layers, Layer.Silver, name);
        return table is null ? null : table.Layer.TableOf(table.ObjectName);
    };

    /// <summary>True when an object of the quantum is served (silver or gold).</summary>
    public static bool HasServedData(IReadOnlyList<LayerTable> layers) => layers.Any(l => l.Layer is Layer.Silver or Layer.Gold);

    private static LayerTable? Find(IReadOnlyList<LayerTable> layers, Layer layer, string name) =>
        layers.FirstOrDefault(l => l.Layer == layer && l.ObjectName == name)
        ?? layers.FirstOrDefault(l => l.Layer == layer && string.Equals(l.ObjectName, name, StringComparison.OrdinalIgnoreCase));
}

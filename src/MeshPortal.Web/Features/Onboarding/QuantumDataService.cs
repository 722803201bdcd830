using System.Text.Json.Nodes;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>What an export streams: one published table of a quantum, with the columns the caller sees masked.</summary>
public sealed record DataExport(Guid QuantumId, Layer Layer, string ObjectName, IReadOnlySet<string> Masked, string FileStem);

/// <summary>
/// A quantum's published data for one caller: the layers, the contract beside what was loaded, previews and exports,
/// with the access rule of <see cref="DataAccess"/> applied on the server.
/// </summary>
public sealed class QuantumDataService(IDbContextFactory<MeshDbContext> factory, QuantumDataReader reader, QuantumStorage storage)
{
    public const int MaxPageSize = 1000;

    public async Task<DataOverview?> OverviewAsync(Caller caller, Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return null;
        var member = IsMember(caller, quantum);
        var layers = await LayersAsync(quantumId, ct);
        var served = await ServedContractsAsync(db, quantum, ct);
        var published = await PublishedContractsAsync(db, layers, ct);
        var all = served.Concat(published).DistinctBy(c => c.Label).ToList();

        var objects = served.SelectMany(c => c.Contract.Objects.Select(o => o.Name))
            .Concat(layers.Where(l => l.Layer is Layer.Silver or Layer.Gold).Select(l => l.ObjectName))
            .Distinct(StringComparer.Ordinal).ToList();
        var schema = new Dictionary<string, IReadOnlyList<SchemaComparisonRow>>(StringComparer.Ordinal);
        foreach (var name in objects)
        {
            var silver = layers.FirstOrDefault(l => l.Layer == Layer.Silver && l.ObjectName == name);
            var properties = served.Concat(published).SelectMany(c => c.Contract.Objects).FirstOrDefault(o => o.Name == name)?.Properties ?? [];
            var found = silver?.Columns.Where(c => !DataAccess.LoadColumns.Contains(c.Name)).ToList() ?? [];
            var masked = member ? new HashSet<string>() : DataAccess.Masked(all, name, properties.Select(p => p.Name).Concat(found.Select(c => c.Name)));
            var rows = properties.Select(p => new SchemaComparisonRow(
                p.Name, p.LogicalType ?? p.PhysicalType, p.Required,
                found.FirstOrDefault(c => string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase))?.Type,
                p.Classification ?? (p.Pii ? "pii" : null), masked.Contains(p.Name))).ToList();
            rows.AddRange(found.Where(c => properties.All(p => !string.Equals(p.Name, c.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(c => new SchemaComparisonRow(c.Name, null, false, c.Type, null, masked.Contains(c.Name))));
            schema[name] = rows;
        }

        string? refusal = null;
        if (!member)
            refusal = all.Count == 0
                ? "No output port of this quantum serves a contract yet, so its data is not open to readers outside the domain."
                : DataAccess.Refusal(all, quantum.Domain!.Name);
        return new DataOverview(layers, schema, caller.CanEdit(quantum), member, refusal is null, refusal);
    }

    /// <summary>Rows of one published table. Bronze and quarantine are for members only; other readers see sensitive columns masked.</summary>
    public async Task<OperationResult<TablePage>> PageAsync(Caller caller, Guid quantumId, Layer layer, string objectName, int limit, long offset, CancellationToken ct = default)
    {
        if (limit is < 1 or > MaxPageSize) return Invalid<TablePage>("limit", $"Ask for 1 to {MaxPageSize} rows.");
        if (offset < 0) return Invalid<TablePage>("offset", "The offset cannot be negative.");
        var access = await AccessAsync(caller, quantumId, layer, objectName, ct);
        if (!access.Succeeded) return access.As<TablePage>();
        var (_, masked) = access.Value;
        return OperationResult<TablePage>.Ok(await reader.PageAsync(quantumId, layer, objectName, limit, offset, masked, ct));
    }

    /// <summary>A page of the quarantine (members only): of <paramref name="objectName"/>, or of the first object that has one.</summary>
    public async Task<OperationResult<TablePage>> QuarantineAsync(Caller caller, Guid quantumId, string? objectName, int limit, long offset, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(objectName))
        {
            var first = (await LayersAsync(quantumId, ct)).Where(l => l.Layer == Layer.Quarantine).Select(l => l.ObjectName).Order(StringComparer.Ordinal).FirstOrDefault();
            if (first is null)
            {
                // Still the access check first: a non-member learns nothing, not even that there is nothing.
                var access = await AccessAsync(caller, quantumId, Layer.Quarantine, "", ct);
                return access.Status == OperationStatus.NotFound && access.Message?.StartsWith("There is no quantum", StringComparison.Ordinal) != true
                    ? OperationResult<TablePage>.NotFound("Nothing is quarantined: no run of this quantum has published yet.")
                    : access.As<TablePage>();
            }
            objectName = first;
        }
        return await PageAsync(caller, quantumId, Layer.Quarantine, objectName.Trim(), limit, offset, ct);
    }

    /// <summary>
    /// What <c>GET …/ports/{port}/data</c> streams: the object's gold table when the quantum has one, else silver, of a
    /// contract the port serves (its first object unless one is named).
    /// </summary>
    public async Task<OperationResult<DataExport>> ExportAsync(Caller caller, Guid quantumId, string port, string? objectName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<DataExport>.NotFound($"There is no quantum {quantumId}.");
        var output = quantum.Ports.FirstOrDefault(p => p.Direction == PortDirection.Output && p.Name == port);
        if (output is null) return OperationResult<DataExport>.NotFound($"Quantum '{quantum.Slug}' has no output port '{port}'.");
        var contract = await LoadViewAsync(db, output.ContractId, output.ContractVersion, ct);
        if (contract is null) return OperationResult<DataExport>.NotFound($"Output port '{port}' serves no contract yet, so it has no data.");
        var name = string.IsNullOrWhiteSpace(objectName) ? contract.Contract.Objects.FirstOrDefault()?.Name : objectName.Trim();
        if (name is null || contract.Contract.Objects.All(o => o.Name != name))
            return Invalid<DataExport>("object", $"Contract {contract.Label} has no object '{objectName}'; it has {string.Join(", ", contract.Contract.Objects.Select(o => o.Name))}.");
        var layers = await LayersAsync(quantumId, ct);
        var layer = layers.Any(l => l.Layer == Layer.Gold && l.ObjectName == name) ? Layer.Gold : Layer.Silver;
        var access = await AccessAsync(caller, quantumId, layer, name, ct, [contract]);
        if (!access.Succeeded) return access.As<DataExport>();
        return OperationResult<DataExport>.Ok(new DataExport(quantumId, layer, name, access.Value.Masked, $"{quantum.Slug}-{port}-{name}"));
    }

    /// <summary>The published table and the caller's view of it, or why not.</summary>
    private async Task<OperationResult<(LayerTable Table, IReadOnlySet<string> Masked)>> AccessAsync(
        Caller caller, Guid quantumId, Layer layer, string objectName, CancellationToken ct, IReadOnlyList<DataAccess.ContractView>? extra = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<(LayerTable, IReadOnlySet<string>)>.NotFound($"There is no quantum {quantumId}.");
        var member = IsMember(caller, quantum);
        if (!member && layer is Layer.Bronze or Layer.Quarantine)
            return OperationResult<(LayerTable, IReadOnlySet<string>)>.Forbidden(
                $"Only members of the {quantum.Domain!.Name} domain see the {layer.ToString().ToLowerInvariant()} layer: it holds rows as they came in, before the contract was applied.");
        var layers = await LayersAsync(quantumId, ct);
        var table = layers.FirstOrDefault(l => l.Layer == layer && l.ObjectName == objectName);
        if (table is null)
            return OperationResult<(LayerTable, IReadOnlySet<string>)>.NotFound($"Quantum '{quantum.Slug}' has no published {layer.ToString().ToLowerInvariant()} data for '{objectName}' yet: onboard a source first.");
        if (member) return OperationResult<(LayerTable, IReadOnlySet<string>)>.Ok((table, new HashSet<string>()));

        // The rule applies to the contract the rows were validated against and to the one the ports serve now: the strictest wins.
        var served = (await ServedContractsAsync(db, quantum, ct)).Where(c => c.Contract.Objects.Any(o => o.Name == objectName));
        var views = served.Concat(await PublishedContractsAsync(db, [table], ct)).Concat(extra ?? []).DistinctBy(c => c.Label).ToList();
        if (views.Count == 0)
            return OperationResult<(LayerTable, IReadOnlySet<string>)>.Forbidden($"No contract of this quantum declares '{objectName}', so its data is not open to readers outside the {quantum.Domain!.Name} domain.");
        if (DataAccess.Refusal(views, quantum.Domain!.Name) is { } refusal) return OperationResult<(LayerTable, IReadOnlySet<string>)>.Forbidden(refusal);
        return OperationResult<(LayerTable, IReadOnlySet<string>)>.Ok((table, DataAccess.Masked(views, objectName, table.Columns.Select(c => c.Name))));
    }

    private async Task<IReadOnlyList<LayerTable>> LayersAsync(Guid quantumId, CancellationToken ct) =>
        storage.Exists(quantumId) ? await reader.LayersAsync(quantumId, ct) : [];

    private static bool IsMember(Caller caller, Quantum quantum) => caller.CanEditIn(quantum.DomainId);

    private static async Task<List<DataAccess.ContractView>> ServedContractsAsync(MeshDbContext db, Quantum quantum, CancellationToken ct)
    {
        var views = new List<DataAccess.ContractView>();
        foreach (var port in quantum.Ports.Where(p => p.Direction == PortDirection.Output && p.ContractId is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
            if (await LoadViewAsync(db, port.ContractId, port.ContractVersion, ct) is { } view) views.Add(view);
        return views.DistinctBy(v => v.Label).ToList();
    }

    private static async Task<List<DataAccess.ContractView>> PublishedContractsAsync(MeshDbContext db, IEnumerable<LayerTable> tables, CancellationToken ct)
    {
        var views = new List<DataAccess.ContractView>();
        foreach (var (id, version) in tables.Select(t => (t.ContractId, t.ContractVersion)).Distinct())
            if (await LoadViewAsync(db, id, version, ct) is { } view) views.Add(view);
        return views;
    }

    private static async Task<DataAccess.ContractView?> LoadViewAsync(MeshDbContext db, string? contractId, string? version, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(contractId) || string.IsNullOrEmpty(version)) return null;
        var json = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == contractId && v.Version == version).Select(v => v.Effective).FirstOrDefaultAsync(ct);
        return json is null ? null : DataAccess.View(JsonNode.Parse(json)!.AsObject());
    }

    private static OperationResult<T> Invalid<T>(string field, string message) =>
        OperationResult<T>.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

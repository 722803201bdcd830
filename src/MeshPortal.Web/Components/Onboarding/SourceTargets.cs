using System.Text.Json.Nodes;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Quanta;

namespace MeshPortal.Web.Components.Onboarding;

/// <summary>An output port a source can feed: the contract version it serves and that version's schema objects.</summary>
public sealed record OutputTarget(string Port, string? ContractId, string? ContractVersion, string? ContractName, IReadOnlyList<string> Objects)
{
    public bool IsBound => ContractId is not null && ContractVersion is not null;
}

/// <summary>An input port a composition reads, as the table <c>input.&lt;port&gt;</c>.</summary>
public sealed record InputTarget(string Port, string Kind, string? Upstream, string? UpstreamPort, string? ContractId, string? ContractVersion);

/// <summary>What a new source of a quantum can feed (its output ports) and read from (its input ports), for the add-source dialogs.</summary>
public sealed record SourceTargets(IReadOnlyList<OutputTarget> Outputs, IReadOnlyList<InputTarget> Inputs)
{
    public static readonly SourceTargets None = new([], []);

    public IEnumerable<OutputTarget> Bound => Outputs.Where(o => o.IsBound);

    /// <summary>The first bound port and its first object: what a new source most likely feeds.</summary>
    public (string? Port, string? Object) Default =>
        Bound.FirstOrDefault(o => o.Objects.Count > 0) is { } first ? (first.Port, first.Objects[0]) : (Bound.FirstOrDefault()?.Port, null);

    public IReadOnlyList<string> ObjectsOf(string? port) => Outputs.FirstOrDefault(o => o.Port == port)?.Objects ?? [];

    public static async Task<SourceTargets> LoadAsync(ContractCatalog catalog, QuantumDto quantum, CancellationToken ct = default)
    {
        var bindings = await catalog.PortBindingsAsync(quantum.Id, ct);
        var outputs = new List<OutputTarget>();
        foreach (var b in bindings.Where(b => b.Direction == "output"))
        {
            IReadOnlyList<string> objects = [];
            if (b.ContractId is { } id && b.ContractVersion is { } version && await catalog.DocumentAsync(id, version, ct: ct) is { } doc)
                objects = ObjectNames(doc);
            outputs.Add(new OutputTarget(b.Port, b.ContractId, b.ContractVersion, b.ContractName, objects));
        }
        var inputs = bindings.Where(b => b.Direction == "input").Select(b =>
        {
            var port = quantum.Ports.FirstOrDefault(p => p.Direction == "input" && p.Name == b.Port);
            return new InputTarget(b.Port, b.Kind, port?.UpstreamQuantum, b.UpstreamPort, b.ContractId, b.ContractVersion);
        }).ToList();
        return new SourceTargets(outputs, inputs);
    }

    private static List<string> ObjectNames(JsonObject document) =>
        document["schema"] is JsonArray schema
            ? schema.OfType<JsonObject>().Select(o => o["name"]?.GetValue<string>()).OfType<string>().ToList()
            : [];
}

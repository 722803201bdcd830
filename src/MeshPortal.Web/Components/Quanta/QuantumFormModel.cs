using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Quanta;

namespace MeshPortal.Web.Components.Quanta;

/// <summary>
/// What the registration and edit form binds to: mutable, text-shaped fields. It becomes a
/// <see cref="QuantumInput"/> on submit; every rule is checked by the service, not here.
/// </summary>
public sealed class QuantumFormModel
{
    public string? Domain { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Tier { get; set; } = "bronze";
    public string? Status { get; set; } = "draft";
    /// <summary>Comma-separated, as typed.</summary>
    public string Tags { get; set; } = "";
    public string? Owner { get; set; }
    public List<PortRow> Ports { get; set; } = [];
    /// <summary>The quantum as read (edit form), so fields this form does not show survive a save.</summary>
    public QuantumInput? Original { get; init; }

    public static QuantumFormModel From(QuantumInput input) => new()
    {
        Original = input,
        Domain = input.Domain,
        Name = input.Name ?? "",
        Slug = input.Slug ?? "",
        Description = input.Description ?? "",
        Tier = input.Tier,
        Status = input.Status,
        Tags = string.Join(", ", input.Tags ?? []),
        Owner = input.Owner,
        Ports = (input.Ports ?? []).Select(PortRow.From).ToList(),
    };

    public QuantumInput ToInput(int? version = null) => (Original ?? new QuantumInput()) with
    {
        Domain = Domain,
        Name = Name,
        Slug = Slug,
        Description = Description,
        Tier = Tier,
        Status = Status,
        Tags = Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
        Owner = Owner,
        Ports = Ports.Select(p => p.ToInput()).ToList(),
        Version = version,
    };
}

/// <summary>One row of the ports editor.</summary>
public sealed class PortRow
{
    public string Direction { get; set; } = "output";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "table";
    public string Description { get; set; } = "";
    public string? Source { get; set; }
    public UpstreamOption? Upstream { get; set; }
    public string? UpstreamPort { get; set; }
    public string? Endpoint { get; set; }
    /// <summary>Until the upstream is looked up (edit form), only its id is known.</summary>
    public Guid? UpstreamQuantumId { get; set; }
    /// <summary>The port as read (edit form), so fields this editor does not show survive a save.</summary>
    public PortInput? Original { get; init; }

    public static PortRow ForDirection(PortDirection direction) => new()
    {
        Direction = direction.ToString().ToLowerInvariant(),
        Kind = PortKinds.ByDirection[direction][0],
    };

    public static PortRow From(PortInput p) => new()
    {
        Direction = p.Direction ?? "output",
        Name = p.Name ?? "",
        Kind = p.Kind ?? "",
        Description = p.Description ?? "",
        Source = p.Source,
        UpstreamQuantumId = p.UpstreamQuantumId,
        UpstreamPort = p.UpstreamPort,
        Endpoint = p.Endpoint,
        Original = p,
    };

    public PortInput ToInput() => (Original ?? new PortInput()) with
    {
        Direction = Direction,
        Name = Name,
        Kind = Kind,
        Description = Description,
        Source = Direction == "input" && Kind == "source" ? Source : null,
        UpstreamQuantumId = Direction == "input" && Kind == "quantum" ? Upstream?.Id ?? UpstreamQuantumId : null,
        UpstreamPort = Direction == "input" && Kind == "quantum" ? UpstreamPort : null,
        Endpoint = Direction == "management" ? Endpoint : null,
    };
}

/// <summary>A quantum an input port can read from, with the output ports it offers.</summary>
public sealed record UpstreamOption(Guid Id, string Path, string Name, IReadOnlyList<string> Outputs)
{
    public static UpstreamOption Of(QuantumDto q) =>
        new(q.Id, $"{q.Domain}/{q.Slug}", q.Name, q.Ports.Where(p => p.Direction == "output").Select(p => p.Name).ToList());

    public override string ToString() => $"{Name} ({Path})";
}

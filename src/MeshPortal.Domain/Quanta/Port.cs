namespace MeshPortal.Domain.Quanta;

/// <summary>
/// How data and control flow in and out of a quantum. Input ports read a source or another quantum's
/// output port; output ports serve data; management ports expose observability, control and discovery.
/// </summary>
public sealed class Port
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuantumId { get; set; }
    public PortDirection Direction { get; set; }
    public required string Name { get; set; }
    /// <summary>Input: source | quantum. Output: table | file | api | stream. Management: observability | control | discovery.</summary>
    public required string Kind { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Input ports of kind source: where the data comes from (a URI or a description).</summary>
    public string? Source { get; set; }
    /// <summary>Input ports of kind quantum: the producing quantum and its output port's name.</summary>
    public Guid? UpstreamQuantumId { get; set; }
    public string? UpstreamPort { get; set; }
    /// <summary>Management ports: the endpoint to call.</summary>
    public string? Endpoint { get; set; }
    /// <summary>
    /// Output ports: the contract version the port serves. Input ports reading a quantum: the version the
    /// consumer relies on (set from the producer's port when bound).
    /// </summary>
    public string? ContractId { get; set; }
    public string? ContractVersion { get; set; }
}

namespace MeshPortal.Domain.Quanta;

/// <summary>The kinds each port direction allows, and the check that a port is complete for its kind.</summary>
public static class PortKinds
{
    public static readonly IReadOnlyDictionary<PortDirection, string[]> ByDirection = new Dictionary<PortDirection, string[]>
    {
        [PortDirection.Input] = ["source", "quantum"],
        [PortDirection.Output] = ["table", "file", "api", "stream"],
        [PortDirection.Management] = ["observability", "control", "discovery"],
    };

    /// <summary>Problems with one port, each as (field, message); empty when the port is valid.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(Port port)
    {
        if (string.IsNullOrWhiteSpace(port.Name)) yield return ("name", "A port needs a name.");
        else if (!Slug.IsValid(port.Name)) yield return ("name", $"Port name '{port.Name}': {Slug.Validate(port.Name)}");
        var kinds = ByDirection[port.Direction];
        if (!kinds.Contains(port.Kind))
        {
            yield return ("kind", $"A {port.Direction.ToString().ToLowerInvariant()} port's kind is one of {string.Join(", ", kinds)}; '{port.Kind}' is not.");
            yield break;
        }
        if (port.Direction == PortDirection.Input && port.Kind == "quantum" && (port.UpstreamQuantumId is null || string.IsNullOrWhiteSpace(port.UpstreamPort)))
            yield return ("upstreamQuantumId", "An input port of kind quantum names the producing quantum and its output port.");
        if (port.Direction == PortDirection.Input && port.Kind == "source" && string.IsNullOrWhiteSpace(port.Source))
            yield return ("source", "An input port of kind source says where the data comes from.");
        if (port.Direction == PortDirection.Management && string.IsNullOrWhiteSpace(port.Endpoint))
            yield return ("endpoint", "A management port needs an endpoint.");
    }
}

namespace MeshPortal.Web.Components.Contracts;

/// <summary>Addresses of the contract pages, escaped once here (contract ids may hold characters like ':').</summary>
public static class ContractLinks
{
    public static string Contract(string id) => $"/contracts/{E(id)}";

    public static string Version(string id, string version) => $"/contracts/{E(id)}/versions/{E(version)}";

    public static string EditYaml(string id, string version) => Version(id, version) + "/edit";

    public static string Wizard(string id, string version) => Version(id, version) + "/wizard";

    public static string NewVersion(string id, string version) => $"/contracts/new?from={E(id)}&version={E(version)}";

    public static string NewChild(string id, string version) => $"/contracts/new?extends={E(id)}&version={E(version)}";

    public static string Diff(string id, string from, string to) => $"/contracts/{E(id)}/diff?from={E(from)}&to={E(to)}";

    public static string Quantum(Guid id) => $"/quanta/{id}";

    /// <summary>The page of an "id@version" reference, e.g. what a child extends.</summary>
    public static string? Reference(string? reference)
    {
        var at = reference?.LastIndexOf('@') ?? -1;
        return at <= 0 ? null : Version(reference![..at], reference[(at + 1)..]);
    }

    private static string E(string text) => Uri.EscapeDataString(text);
}

using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Who reads a quantum's data, and what they see. Members of the owning domain (and platform admins) read everything.
/// Any other signed-in user reads data served under a contract classified public or internal — the contract's top-level
/// customProperty <c>classification</c>, "internal" when absent, since ODCS has no contract-level classification — with
/// every column masked whose property is classified anything but public or internal, is marked <c>pii: true</c>, or is
/// not declared by the contract at all (its classification is unknown).
/// </summary>
public static class DataAccess
{
    public const string ClassificationProperty = "classification";
    public const string DefaultClassification = "internal";

    /// <summary>Columns the engine adds to every layer table to record the load; they carry no source data.</summary>
    public static readonly IReadOnlySet<string> LoadColumns = new HashSet<string>(["_run_id", "_loaded_at", "_row_number"], StringComparer.OrdinalIgnoreCase);

    /// <summary>One contract version as the access rule needs it.</summary>
    public sealed record ContractView(string Id, string Version, string Classification, NormalizedContract Contract)
    {
        public string Label => $"{Id}@{Version}";
    }

    public static ContractView View(JsonObject effective)
    {
        var contract = ContractNormalizer.Normalize(effective);
        return new ContractView(contract.Id, contract.Version, ClassificationOf(effective), contract);
    }

    public static string ClassificationOf(JsonObject effective)
    {
        var value = ContractNormalizer.CustomProperty(effective, ClassificationProperty)?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(value) ? DefaultClassification : value;
    }

    public static bool IsOpen(string classification) => classification is "public" or "internal";

    public static bool IsSensitive(ContractProperty property) =>
        property.SelfAndDescendants().Any(p => p.Pii || !(string.IsNullOrEmpty(p.Classification) || IsOpen(p.Classification)));

    /// <summary>Why a non-member may not read data validated against these contracts, or null when they may.</summary>
    public static string? Refusal(IEnumerable<ContractView> contracts, string domainName)
    {
        var closed = contracts.FirstOrDefault(c => !IsOpen(c.Classification));
        return closed is null ? null
            : $"Contract {closed.Label} is classified {closed.Classification}: only members of the {domainName} domain may read this data.";
    }

    /// <summary>The columns a non-member sees masked in a table with <paramref name="columns"/> holding <paramref name="objectName"/>.</summary>
    public static IReadOnlySet<string> Masked(IEnumerable<ContractView> contracts, string objectName, IEnumerable<string> columns)
    {
        var properties = contracts.SelectMany(c => c.Contract.Objects).Where(o => o.Name == objectName)
            .SelectMany(o => o.Properties).ToList();
        var masked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (LoadColumns.Contains(column)) continue;
            var declared = properties.Where(p => string.Equals(p.Name, column, StringComparison.OrdinalIgnoreCase)).ToList();
            // Most restrictive wins: sensitive in any version, or in no version at all.
            if (declared.Count == 0 || declared.Any(IsSensitive)) masked.Add(column);
        }
        return masked;
    }
}

using MeshPortal.Domain.Quanta;

namespace MeshPortal.Web.Features.Seed;

/// <summary>
/// The demo mesh's data contracts: ODCS files embedded from Seed/Contracts, the domain owning each, and the
/// ports serving them. Input ports of kind quantum rely on the version their upstream port serves, unless
/// pinned to an older one here — which is how the demo shows a consumer still on a deprecated version.
/// </summary>
public static class DemoContracts
{
    /// <summary>Embedded resources are named "DemoContracts/&lt;file&gt;" (see MeshPortal.Web.csproj).</summary>
    public const string ResourcePrefix = "DemoContracts/";

    /// <summary>A seed file, named "&lt;contract id&gt;-&lt;version&gt;.yaml".</summary>
    public sealed record ContractSeed(string File, string Domain)
    {
        public string ContractId => File[..File.LastIndexOf('-')];
        public string Version => Path.GetFileNameWithoutExtension(File)[(File.LastIndexOf('-') + 1)..];
    }

    /// <summary>An output port and the contract version it serves.</summary>
    public sealed record ServedSeed(string Quantum, string Port, string ContractId, string Version);

    /// <summary>An input port that stays on an older version than its upstream port serves.</summary>
    public sealed record PinnedSeed(string Quantum, string Port, string Version);

    /// <summary>In import order: a parent before its children, and each contract's versions in ascending order.</summary>
    public static readonly ContractSeed[] Files =
    [
        new("customer-core-1.0.0.yaml", "sales"),
        new("sales-customers-1.0.0.yaml", "sales"),
        new("customer-360-1.0.0.yaml", "sales"),
        new("sales-orders-1.0.0.yaml", "sales"),
        // Publishing 1.1.0 (a minor, additive bump) deprecates 1.0.0.
        new("sales-orders-1.1.0.yaml", "sales"),
        new("sales-pipeline-0.1.0.yaml", "sales"),
        new("logistics-shipments-1.0.0.yaml", "logistics"),
        new("warehouse-stock-1.0.0.yaml", "logistics"),
        new("delivery-performance-1.0.0.yaml", "logistics"),
        new("finance-invoices-1.0.0.yaml", "finance"),
        // A new major: 1.0.0 stays active until its consumers have moved.
        new("finance-invoices-2.0.0.yaml", "finance"),
        new("revenue-daily-1.0.0.yaml", "finance"),
        new("fx-rates-1.0.0.yaml", "finance"),
        new("marketing-campaigns-1.0.0.yaml", "marketing"),
        new("campaign-attribution-0.1.0.yaml", "marketing"),
    ];

    public static readonly ServedSeed[] Served =
    [
        new("sales/orders", "order-lines", "sales-orders", "1.1.0"),
        new("sales/customers", "customers", "sales-customers", "1.0.0"),
        new("sales/customer-360", "profiles", "customer-360", "1.0.0"),
        new("sales/customer-360", "profile-api", "customer-360", "1.0.0"),
        new("sales/sales-pipeline", "opportunities", "sales-pipeline", "0.1.0"),
        new("logistics/shipments", "shipments", "logistics-shipments", "1.0.0"),
        new("logistics/shipments", "shipment-events", "logistics-shipments", "1.0.0"),
        new("logistics/warehouse-stock", "stock-levels", "warehouse-stock", "1.0.0"),
        new("logistics/delivery-performance", "weekly-kpis", "delivery-performance", "1.0.0"),
        new("logistics/delivery-performance", "kpi-api", "delivery-performance", "1.0.0"),
        new("finance/invoices", "invoices", "finance-invoices", "2.0.0"),
        new("finance/revenue-daily", "revenue", "revenue-daily", "1.0.0"),
        new("finance/fx-rates", "rates", "fx-rates", "1.0.0"),
        new("marketing/campaigns", "campaign-days", "marketing-campaigns", "1.0.0"),
        new("marketing/campaign-attribution", "attribution", "campaign-attribution", "0.1.0"),
    ];

    public static readonly PinnedSeed[] Pinned =
    [
        // Still on sales-orders 1.0.0, which 1.1.0 deprecated: flagged on Delivery performance's page.
        new("logistics/delivery-performance", "orders", "1.0.0"),
        // Still on invoices 1.x, which stays active next to 2.0.0.
        new("finance/revenue-daily", "invoices", "1.0.0"),
    ];

    /// <summary>Every input port of kind quantum in the demo mesh, with the contract version it relies on.</summary>
    public static IEnumerable<(string Quantum, string Port, string ContractId, string Version)> Consumed()
    {
        foreach (var quantum in DemoMesh.Quanta)
        foreach (var port in quantum.Ports.Where(p => p.Direction == PortDirection.Input && p.Kind == "quantum"))
        {
            var key = $"{quantum.Domain}/{quantum.Slug}";
            var target = port.Target!.Split(':');
            var served = Served.Single(s => s.Quantum == target[0] && s.Port == target[1]);
            var pinned = Pinned.FirstOrDefault(p => p.Quantum == key && p.Port == port.Name);
            yield return (key, port.Name, served.ContractId, pinned?.Version ?? served.Version);
        }
    }
}

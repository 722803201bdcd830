using MeshPortal.Domain.Quanta;

namespace MeshPortal.Web.Features.Seed;

/// <summary>
/// The demo mesh: four domains and their quanta, composed the way a real mesh grows — sources feed
/// silver quanta, gold quanta are built from two or more of them, and applications consume the gold ones.
/// </summary>
public static class DemoMesh
{
    public sealed record DomainSeed(string Slug, string Name, string Description);

    /// <summary>Input ports of kind quantum name "domain/quantum:port".</summary>
    public sealed record PortSeed(PortDirection Direction, string Name, string Kind, string Description, string? Target = null);

    public sealed record QuantumSeed(string Domain, string Slug, string Name, Tier Tier, QuantumStatus Status, string Owner, string[] Tags, string Description, PortSeed[] Ports);

    private static PortSeed Source(string name, string uri, string description) => new(PortDirection.Input, name, "source", description, uri);
    private static PortSeed Reads(string name, string target, string description) => new(PortDirection.Input, name, "quantum", description, target);
    private static PortSeed Output(string name, string kind, string description) => new(PortDirection.Output, name, kind, description);
    private static PortSeed Observability(string domain, string slug) => new(PortDirection.Management, "metrics", "observability", "Freshness, volume and quality metrics.", $"/api/v1/quanta/{domain}/{slug}/metrics");

    public static readonly DomainSeed[] Domains =
    [
        new("sales", "Sales", """
            Everything from the first quote to the paid order: **orders**, **customers** and the sales pipeline.

            - Source systems: the ERP (orders) and the CRM (accounts, contacts, opportunities)
            - Office hours support in `#sales-data`
            """),
        new("logistics", "Logistics", """
            Moving goods: shipments from the warehouse management system, stock levels, and delivery performance.

            | System | What it holds |
            |---|---|
            | WMS | picking, packing, shipping events |
            | Carrier APIs | tracking and proof of delivery |
            """),
        new("finance", "Finance", """
            Invoices, payments and revenue as finance reports them. Figures here are **the source of truth**
            for revenue; other domains reconcile against them.
            """),
        new("marketing", "Marketing", """
            Campaigns, web analytics and attribution. Personal data is pseudonymised before it leaves the domain.
            """),
    ];

    public static readonly QuantumSeed[] Quanta =
    [
        new("sales", "orders", "Orders", Tier.Silver, QuantumStatus.Active, "sales-owner", ["orders", "erp", "core"], """
            Every confirmed sales order with its lines, **one row per order line**, validated against the contract.

            ## Use it for
            - order volumes and basket analysis
            - joining to shipments (`order_id`) and invoices (`order_id`)

            Late-arriving corrections from the ERP are applied within 24 hours.
            """,
            [Source("erp-orders", "postgresql://erp.internal/sales/orders", "Nightly extract of the ERP order tables."),
             Output("order-lines", "table", "Validated order lines."), Observability("sales", "orders")]),
        new("sales", "customers", "Customer master", Tier.Silver, QuantumStatus.Active, "sales-owner", ["customers", "crm", "pii"], """
            Deduplicated customer accounts from the CRM. Contains **personal data** (names, e-mails): access is
            granted per use case.
            """,
            [Source("crm-accounts", "https://crm.internal/api/accounts", "CRM accounts and contacts, hourly."),
             Output("customers", "table", "One row per customer account."), Observability("sales", "customers")]),
        new("sales", "customer-360", "Customer 360", Tier.Gold, QuantumStatus.Active, "sales-owner", ["customers", "gold", "crm-app"], """
            One profile per customer, built from **orders** and the **customer master**: lifetime value, last order,
            preferred channel. Served to the *CRM web app* through the profile API.
            """,
            [Reads("orders", "sales/orders:order-lines", "Order history per customer."),
             Reads("customers", "sales/customers:customers", "Customer attributes."),
             Output("profiles", "table", "One row per customer with derived metrics."),
             Output("profile-api", "api", "REST API consumed by the CRM web app (application)."),
             Observability("sales", "customer-360")]),
        new("sales", "sales-pipeline", "Sales pipeline", Tier.Bronze, QuantumStatus.Draft, "engineer", ["crm", "forecast"], """
            Open opportunities as the CRM holds them, raw. *Draft*: the contract is still being agreed with finance.
            """,
            [Source("crm-opportunities", "https://crm.internal/api/opportunities", "Opportunities, raw."),
             Output("opportunities", "table", "Raw opportunities.")]),
        new("logistics", "shipments", "Shipments", Tier.Silver, QuantumStatus.Active, "logistics-owner", ["shipments", "wms", "core"], """
            Shipment events from the warehouse management system, one row per parcel and status change.
            """,
            [Source("wms-events", "kafka://wms.internal/shipment-events", "Shipment status events."),
             Output("shipment-events", "stream", "Validated events, as they happen."),
             Output("shipments", "table", "Latest status per parcel."), Observability("logistics", "shipments")]),
        new("logistics", "warehouse-stock", "Warehouse stock", Tier.Bronze, QuantumStatus.Active, "logistics-owner", ["stock", "wms"], """
            Stock levels per SKU and warehouse, as dropped by the WMS every hour (CSV).
            """,
            [Source("stock-drop", "file:///landing/wms/stock/*.csv", "Hourly CSV drop."),
             Output("stock-levels", "file", "Parquet files, one per hour.")]),
        new("logistics", "delivery-performance", "Delivery performance", Tier.Gold, QuantumStatus.Active, "logistics-owner", ["shipments", "sla", "gold"], """
            On-time delivery rate per carrier, region and week, from **shipments** and **orders** (promised dates).
            Feeds the *operations dashboard* (application).
            """,
            [Reads("shipments", "logistics/shipments:shipments", "Delivery timestamps."),
             Reads("orders", "sales/orders:order-lines", "Promised delivery dates."),
             Output("weekly-kpis", "table", "Weekly on-time KPIs."),
             Output("kpi-api", "api", "Read by the operations dashboard."), Observability("logistics", "delivery-performance")]),
        new("finance", "invoices", "Invoices", Tier.Silver, QuantumStatus.Active, "finance-owner", ["invoices", "erp", "core"], """
            Issued invoices and credit notes, reconciled daily with the general ledger.
            """,
            [Source("erp-invoices", "postgresql://erp.internal/finance/invoices", "ERP invoices, nightly."),
             Output("invoices", "table", "One row per invoice line."), Observability("finance", "invoices")]),
        new("finance", "revenue-daily", "Daily revenue", Tier.Gold, QuantumStatus.Active, "finance-owner", ["revenue", "gold", "kpi"], """
            Recognised revenue per day, product line and country, built from **orders** and **invoices**.

            > This is the figure the board sees. Changes to its contract need the CDO's sign-off.
            """,
            [Reads("orders", "sales/orders:order-lines", "Booked order values."),
             Reads("invoices", "finance/invoices:invoices", "Invoiced amounts."),
             Output("revenue", "table", "Daily revenue."), Observability("finance", "revenue-daily")]),
        new("finance", "fx-rates", "FX rates", Tier.Bronze, QuantumStatus.Deprecated, "finance-owner", ["reference", "fx"], """
            Daily exchange rates from the treasury feed. **Deprecated**: use the ECB reference rates quantum once published.
            """,
            [Source("treasury-feed", "https://treasury.internal/fx", "Daily rates."), Output("rates", "table", "One row per currency and day.")]),
        new("marketing", "campaigns", "Campaigns", Tier.Silver, QuantumStatus.Active, "marketing-owner", ["campaigns", "ads"], """
            Campaigns across channels with spend and reach, one row per campaign and day.
            """,
            [Source("ads-platforms", "https://ads.internal/export", "Exports from ad platforms."),
             Output("campaign-days", "table", "Spend and reach per campaign and day.")]),
        new("marketing", "campaign-attribution", "Campaign attribution", Tier.Gold, QuantumStatus.Draft, "marketing-owner", ["attribution", "gold"], """
            Which campaigns bring which customers: **campaigns** joined to **Customer 360**. Draft while the
            attribution model is validated.
            """,
            [Reads("campaigns", "marketing/campaigns:campaign-days", "Campaign spend."),
             Reads("customers", "sales/customer-360:profiles", "Customer profiles."),
             Output("attribution", "table", "Attributed revenue per campaign.")]),
        new("marketing", "web-sessions", "Web sessions (legacy)", Tier.Bronze, QuantumStatus.Retired, "marketing-owner", ["web", "legacy"], """
            Raw web sessions from the old analytics tag. **Retired**: kept for the record.
            """,
            [Source("legacy-tag", "file:///landing/web/sessions/*.json", "JSON lines, daily."), Output("sessions", "file", "Raw sessions.")]),
    ];
}

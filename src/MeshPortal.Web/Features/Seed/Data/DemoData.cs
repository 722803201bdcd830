namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Which demo quanta get sample data on first start, and how: producers get a generated CSV upload (with planted
/// defects), composed quanta a SELECT over their input ports — the mesh's "C built from A + B".
/// </summary>
public static class DemoData
{
    /// <summary>A generated CSV uploaded as the source "sample-upload" of the quantum's output port and object.</summary>
    public sealed record UploadSeed(string Quantum, string Port, string Object, int Rows, int Seed);

    /// <summary>
    /// A composition source over the quantum's input ports, run once its producers have published.
    /// <paramref name="FailsBecause"/>: the demo shows a run refused on purpose, and why.
    /// </summary>
    public sealed record ComposedSeed(string Quantum, string Port, string Object, string Sql, string? FailsBecause = null);

    /// <summary>
    /// An earlier day of sample data, onboarded and quality-checked before today's so the quality tab and dashboards show
    /// trends on first start: each producer's file holds <paramref name="Rows"/> × its usual rows made with seed + <paramref name="Seed"/>.
    /// </summary>
    public sealed record HistoryDay(int DaysAgo, double Rows, int Seed);

    /// <summary>
    /// Three earlier days, oldest first: a partial extract (40 % of the rows, so the orders contract's rowCount &gt; 500
    /// warning and the pipeline's row-count rule fail), a full day, and a short one (55 %) — so scores move from day to day.
    /// </summary>
    public static readonly HistoryDay[] History = [new(3, 0.4, 301), new(2, 1.0, 202), new(1, 0.55, 103)];

    public const string UploadSourceName = "sample-upload";
    public const string ComposedSourceName = "composed-from-inputs";

    public static readonly UploadSeed[] Uploads =
    [
        new("sales/orders", "order-lines", "sales_order", 1200, 11),
        new("sales/customers", "customers", "customer", DemoDataGenerator.SharedIdPool, 12),
        new("sales/sales-pipeline", "opportunities", "opportunity", 150, 13),
        new("logistics/shipments", "shipments", "shipment", 800, 21),
        new("logistics/warehouse-stock", "stock-levels", "stock_level", 400, 22),
        new("finance/invoices", "invoices", "invoice", 900, 31),
        new("finance/fx-rates", "rates", "fx_rate", 200, 32),
        new("marketing/campaigns", "campaign-days", "campaign_day", 600, 41),
    ];

    public static readonly ComposedSeed[] Composed =
    [
        new("sales/customer-360", "profiles", "customer", """
            SELECT c.customer_id, c.customer_number, c.customer_type, c.display_name, c.email, c.phone, c.country_code,
                   c.segment, c.vat_number, c.account_status, c.created_at, c.updated_at,
                   min(CAST(o.order_date AS DATE)) AS first_order_date,
                   max(CAST(o.order_date AS DATE)) AS last_order_date,
                   count(o.order_id) AS order_count,
                   coalesce(sum(CAST(o.order_total AS DECIMAL(14,2))), 0) AS lifetime_value_eur,
                   round(avg(CAST(o.order_total AS DECIMAL(12,2))), 2) AS average_order_value_eur,
                   date_diff('day', max(CAST(o.order_date AS DATE)), current_date) AS days_since_last_order,
                   mode(o.sales_channel) AS preferred_channel,
                   NULL AS churn_risk_score,
                   now() AS profile_computed_at
            FROM input.customers c
            LEFT JOIN input.orders o ON o.customer_id = c.customer_id
            GROUP BY ALL
            """),
        new("logistics/delivery-performance", "weekly-kpis", "weekly_delivery_kpi", """
            SELECT strftime(CAST(shipped_at AS TIMESTAMP), '%G-W%V') AS iso_week,
                   carrier_code,
                   CASE WHEN delivery_country IN ('DE', 'AT', 'CH') THEN 'DACH'
                        WHEN delivery_country IN ('NL', 'BE') THEN 'BENELUX'
                        WHEN delivery_country = 'FR' THEN 'FR'
                        WHEN delivery_country = 'SE' THEN 'NORDICS'
                        WHEN delivery_country = 'GB' THEN 'UK'
                        ELSE 'OTHER' END AS region,
                   count(*) AS parcels_shipped,
                   count(delivered_at) AS parcels_delivered,
                   count(*) FILTER (WHERE CAST(delivered_at AS TIMESTAMP) <= CAST(shipped_at AS TIMESTAMP) + INTERVAL 3 DAY) AS parcels_on_time,
                   round(parcels_on_time / parcels_shipped, 4) AS on_time_rate,
                   NULL AS avg_transit_hours, NULL AS p95_transit_hours, NULL AS failed_attempt_rate,
                   now() AS computed_at
            FROM input.shipments
            GROUP BY ALL
            """),
        new("finance/revenue-daily", "revenue", "daily_revenue", """
            SELECT CAST(order_date AS DATE) AS revenue_date,
                   ['bikes', 'components', 'clothing', 'accessories', 'services'][1 + hash(order_id) % 5] AS product_line,
                   shipping_country AS country_code,
                   sum(CAST(order_total AS DECIMAL(16,2))) AS recognised_revenue_eur,
                   sum(CAST(order_total AS DECIMAL(16,2))) AS booked_revenue_eur,
                   0 AS credit_notes_eur,
                   0 AS invoice_count,
                   count(*) AS order_count,
                   NULL AS gross_margin_eur,
                   false AS is_restated,
                   now() AS computed_at
            FROM input.orders
            GROUP BY ALL
            """,
            // The run-time version check at work: the input "invoices" still relies on finance-invoices 1.x while the
            // producer now publishes 2.0.0 — the owner must move the input to 2.x before the composition may run.
            FailsBecause: "(finance/invoices) published 'invoice' validated against finance-invoices 2.0.0, but this input relies on 1.0.0"),
    ];
}

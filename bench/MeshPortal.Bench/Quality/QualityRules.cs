namespace MeshPortal.Bench.Quality;

/// <summary>
/// The ten library rules on the one object (two of them duplicate counts), as the contract declares them, and the
/// same aggregates written by hand in DuckDB SQL: (a) as one query, (b) as one query per rule.
/// </summary>
public static class QualityRules
{
    public const string EmailPattern = "[a-z0-9.]+@[a-z0-9.]+";

    /// <summary>The contract: an ODCS v3.1.0 document with the ten rules on "orders".</summary>
    public static readonly string Contract = $$"""
        apiVersion: v3.1.0
        kind: DataContract
        id: bench-quality
        version: 1.0.0
        status: active
        schema:
          - name: orders
            quality:
              - name: row count
                metric: rowCount
                mustBeGreaterThan: 1000000
              - name: tenant + order number unique
                metric: duplicateValues
                arguments:
                  properties: [tenant_id, order_no]
                mustBe: 0
            properties:
              - name: order_id
                quality:
                  - name: order id unique
                    metric: duplicateValues
                    mustBe: 0
              - name: tenant_id
              - name: order_no
              - name: customer_id
                quality:
                  - name: customer set
                    metric: nullValues
                    mustBe: 0
              - name: email
                quality:
                  - name: email present
                    metric: missingValues
                    arguments:
                      missingValues: [null, '', 'n/a']
                    unit: percent
                    mustBeLessThan: 1
                  - name: email well formed
                    metric: invalidValues
                    arguments:
                      pattern: '{{EmailPattern}}'
                    mustBe: 0
              - name: status
                quality:
                  - name: status known
                    metric: invalidValues
                    arguments:
                      validValues: [new, paid, shipped, delivered]
                    mustBe: 0
              - name: country
                quality:
                  - name: country code
                    metric: invalidValues
                    arguments:
                      pattern: '[A-Z]{2}'
                    mustBe: 0
              - name: amount
                quality:
                  - name: amount set
                    metric: nullValues
                    unit: percent
                    mustBeLessOrEqualTo: 1
              - name: order_date
                quality:
                  - name: order date set
                    metric: nullValues
                    mustBe: 0
        """;

    /// <summary>Each rule's value as a DuckDB expert would write the aggregate, in the contract's rule order.</summary>
    public static readonly (string Rule, string Aggregate)[] HandWritten =
    [
        ("row count", "count(*)"),
        ("tenant + order number unique",
            "count(*) FILTER (WHERE tenant_id IS NOT NULL OR order_no IS NOT NULL) - count(DISTINCT (tenant_id, order_no)) FILTER (WHERE tenant_id IS NOT NULL OR order_no IS NOT NULL)"),
        ("order id unique", "count(order_id) - count(DISTINCT order_id)"),
        ("customer set", "count(*) - count(customer_id)"),
        ("email present", "count(*) FILTER (WHERE email IS NULL OR email IN ('', 'n/a')) * 100.0 / count(*)"),
        ("email well formed", $"count(*) FILTER (WHERE NOT regexp_full_match(email, '{EmailPattern}'))"),
        ("status known", "count(*) FILTER (WHERE status NOT IN ('new', 'paid', 'shipped', 'delivered'))"),
        ("country code", "count(*) FILTER (WHERE NOT regexp_full_match(country, '[A-Z]{2}'))"),
        ("amount set", "(count(*) - count(amount)) * 100.0 / count(*)"),
        ("order date set", "count(*) - count(order_date)"),
    ];

    /// <summary>(a): every aggregate in one query.</summary>
    public static string OneQuery => $"SELECT {string.Join(",\n  ", HandWritten.Select(h => h.Aggregate))}\nFROM {OrdersTable.Table}";

    /// <summary>(b): one query per rule.</summary>
    public static IEnumerable<string> QueryPerRule => HandWritten.Select(h => $"SELECT {h.Aggregate} FROM {OrdersTable.Table}");
}

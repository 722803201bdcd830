using System.Globalization;
using System.Text;

namespace MeshPortal.Bench;

/// <summary>
/// Generates big but realistic ODCS v3.1.0 contracts as YAML: objects of typed, described properties with
/// classifications, PII flags, examples and quality rules, plus SLA, team, roles and a server.
/// </summary>
public static class LargeContract
{
    private static readonly (string Logical, string Physical)[] Types =
    [
        ("string", "varchar(64)"), ("integer", "int"), ("number", "decimal(12,2)"),
        ("date", "date"), ("timestamp", "timestamp"), ("boolean", "boolean"),
    ];

    private static readonly string[] Classifications = ["public", "internal", "restricted", "confidential"];

    /// <summary>
    /// A contract of <paramref name="objects"/> × <paramref name="perObject"/> properties. With
    /// <paramref name="changed"/>, one property in twenty is changed (description, widened type, newly
    /// required, raised classification, tightened rule, or removed) and each object gains one property.
    /// </summary>
    public static string Generate(int objects, int perObject, string version = "1.0.0", bool changed = false)
    {
        var yaml = new StringBuilder(objects * perObject * 400);
        Header(yaml, "bench-large", version, extends: null);
        yaml.Append("schema:\n");
        for (var o = 0; o < objects; o++)
        {
            Object(yaml, o);
            yaml.Append("    properties:\n");
            for (var p = 0; p < perObject; p++)
                Property(yaml, o, p, changed ? ChangeOf(o * perObject + p) : null);
            if (changed) Property(yaml, o, perObject, null);
        }
        Footer(yaml);
        return yaml.ToString();
    }

    /// <summary>
    /// A child extending the generated contract the most expensive way: it redeclares every object, so it must
    /// list every inherited property by name, and adds one property per object.
    /// </summary>
    public static string Child(int objects, int perObject)
    {
        var yaml = new StringBuilder(objects * perObject * 40);
        Header(yaml, "bench-large-child", "1.0.0", extends: "bench-large@1.0.0");
        yaml.Append("schema:\n");
        for (var o = 0; o < objects; o++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {ObjectName(o)}\n    properties:\n");
            for (var p = 0; p < perObject; p++) yaml.Append(CultureInfo.InvariantCulture, $"      - name: {PropertyName(o, p)}\n");
            Property(yaml, o, perObject, null);
        }
        return yaml.ToString();
    }

    private enum Change { Description, WiderType, NowRequired, HigherClassification, TighterRule, Removed }

    private static Change? ChangeOf(int index) => index % 20 == 7 ? (Change)(index / 20 % 6) : null;

    private static string ObjectName(int o) => $"entity_{o:D2}";

    private static string PropertyName(int o, int p) => $"e{o:D2}_attribute_{p:D3}";

    private static void Header(StringBuilder yaml, string id, string version, string? extends)
    {
        yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v3.1.0
            kind: DataContract
            id: {id}
            name: Benchmark contract {id}
            version: {version}
            status: active
            domain: bench
            description:
              purpose: A generated contract the size of a large enterprise data product, for measuring import and diff.
              usage: Benchmarks only.
              limitations: Synthetic.
            tags: [bench, generated]

            """);
        if (extends is not null)
            yaml.Append(CultureInfo.InvariantCulture, $"customProperties:\n  - property: meshportal.extends\n    value: {extends}\n");
    }

    private static void Object(StringBuilder yaml, int o) => yaml.Append(CultureInfo.InvariantCulture, $"""
          - name: {ObjectName(o)}
            physicalName: {ObjectName(o)}_table
            physicalType: table
            businessName: Entity {o}
            description: Generated object number {o}, one row per business key.
            quality:
              - metric: rowCount
                mustBeGreaterThan: 1000
                unit: rows
                dimension: completeness
                severity: error
              - metric: duplicateValues
                arguments:
                  properties: [{PropertyName(o, 0)}]
                mustBe: 0
                dimension: uniqueness
                severity: error
              - type: sql
                query: SELECT COUNT(*) FROM {ObjectName(o)}_table WHERE {PropertyName(o, 1)} < 0
                mustBe: 0
                dimension: accuracy
                severity: warning

        """);

    private static void Property(StringBuilder yaml, int o, int p, Change? change)
    {
        if (change == Change.Removed) return;
        var (logical, physical) = p == 0 ? ("string", "varchar(36)") : Types[p % Types.Length];
        if (change == Change.WiderType)
            physical = physical switch { "int" => "bigint", "varchar(64)" => "varchar(128)", "decimal(12,2)" => "decimal(18,2)", _ => physical };
        var classification = Classifications[(p + o) % 3 + (change == Change.HigherClassification ? 1 : 0)];
        var required = p == 0 || p % 3 == 0 || change == Change.NowRequired;
        var description = change == Change.Description
            ? $"Attribute {p} of entity {o}, reworded as what the source system calls field {p}, trimmed and validated."
            : $"Attribute {p} of entity {o}, the value the source system records in field {p}, trimmed and validated.";
        yaml.Append(CultureInfo.InvariantCulture, $"""
                  - name: {PropertyName(o, p)}
                    businessName: Attribute {p} of entity {o}
                    logicalType: {logical}
                    physicalType: {physical}
                    required: {(required ? "true" : "false")}
                    classification: {classification}
                    description: {description}

            """);
        if (p == 0) yaml.Append("        primaryKey: true\n        primaryKeyPosition: 1\n        unique: true\n");
        if (p % 10 == 0) yaml.Append("        tags: [key-figure, reviewed]\n");
        if (p % 25 == 3) yaml.Append("        customProperties:\n          - property: pii\n            value: true\n");
        if (p % 7 == 0 && logical == "string") yaml.Append(CultureInfo.InvariantCulture, $"        examples: [\"value-{p}-a\", \"value-{p}-b\"]\n");
        var rules = new StringBuilder();
        if (p % 5 == 0)
        {
            var threshold = change == Change.TighterRule ? 1 : 5;
            rules.Append(CultureInfo.InvariantCulture, $"          - metric: nullValues\n            mustBeLessOrEqualTo: {threshold}\n            unit: percent\n            dimension: completeness\n            severity: error\n");
        }
        if (p % 10 == 1 && logical == "string")
            rules.Append("          - metric: invalidValues\n            arguments:\n              validValues: [alpha, beta, gamma, delta]\n            mustBe: 0\n            dimension: conformity\n            severity: error\n");
        if (p % 10 == 4)
            rules.Append("          - metric: missingValues\n            arguments:\n              missingValues: [null, \"\", \"n/a\"]\n            mustBeLessOrEqualTo: 2\n            unit: percent\n            dimension: completeness\n            severity: warning\n");
        if (rules.Length > 0) yaml.Append("        quality:\n").Append(rules);
    }

    private static void Footer(StringBuilder yaml) => yaml.Append("""
        slaProperties:
          - property: latency
            value: 4
            unit: h
          - property: availability
            value: 99.5
            unit: percent
          - property: retention
            value: 3
            unit: y
        servers:
          - server: bench
            type: duckdb
            database: bench.duckdb
            schema: gold
        team:
          name: Benchmark team
          members:
            - username: bench
              role: owner
        roles:
          - role: bench_reader
            access: read
        support:
          - channel: "#bench"
            tool: slack

        """);
}

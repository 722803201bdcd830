using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Tests.Quality;

/// <summary>
/// A DuckDB database in a temp folder with one published table, silver."orders", of 20 rows whose defects are planted
/// so that every rule's exact value is known:
/// <list type="bullet">
/// <item>id: 2 nulls (rows 12, 13); 5 three times → 2 duplicates (18 non-null, 16 distinct);</item>
/// <item>email: 2 nulls, one '', one 'n/a', one 'N/A' (not 'n/a': missing markers compare exactly);</item>
/// <item>status: one 'BAD' outside new/paid/shipped/delivered, one null;</item>
/// <item>country: 'fr' and 'XX1' do not match ^[A-Z]{2}$, one null;</item>
/// <item>(tenant, order_no): (1,3) twice, (2,1) twice, (null,7) twice, two rows (null,null) skipped → 3 duplicates;</item>
/// <item>amount: one null; 16 values below 5.</item>
/// </list>
/// </summary>
public sealed class QualityDatabase : IDisposable
{
    public const string Table = "silver.\"orders\"";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meshportal-quality-" + Guid.NewGuid().ToString("N"));

    public DuckDBConnection Connection { get; }

    public QualityDatabase()
    {
        Directory.CreateDirectory(_folder);
        Connection = new DuckDBConnection($"Data Source={Path.Combine(_folder, "data.duckdb")}");
        Connection.Open();
        Execute("""
            CREATE SCHEMA silver;
            CREATE TABLE silver."orders" (id INTEGER, email VARCHAR, status VARCHAR, country VARCHAR, tenant INTEGER, order_no INTEGER, amount DOUBLE);
            INSERT INTO silver."orders" VALUES
              (1,    'a@x.io', 'new',     'FR',  1,    1,    10),
              (2,    NULL,     'new',     'DE',  1,    2,    NULL),
              (3,    '',       'paid',    'NL',  1,    3,    5),
              (4,    'n/a',    'paid',    'FR',  1,    3,    7),
              (5,    'b@x.io', 'BAD',     'fr',  2,    1,    1),
              (5,    'c@x.io', 'shipped', 'XX1', 2,    1,    2),
              (5,    'd@x.io', 'new',     'BE',  2,    2,    3),
              (6,    NULL,     'new',     NULL,  NULL, NULL, 4),
              (7,    'e@x.io', NULL,      'IT',  NULL, NULL, 4),
              (8,    'f@x.io', 'new',     'IT',  NULL, 7,    4),
              (9,    'g@x.io', 'new',     'IT',  NULL, 7,    4),
              (NULL, 'h@x.io', 'new',     'IT',  3,    1,    4),
              (NULL, 'i@x.io', 'new',     'IT',  3,    2,    4),
              (10,   'N/A',    'new',     'IT',  3,    3,    4),
              (11,   'j@x.io', 'new',     'IT',  3,    4,    4),
              (12,   'k@x.io', 'new',     'IT',  3,    5,    4),
              (13,   'l@x.io', 'new',     'IT',  3,    6,    4),
              (14,   'm@x.io', 'new',     'IT',  3,    7,    4),
              (15,   'n@x.io', 'delivered', 'IT', 3,   8,    4),
              (16,   'o@x.io', 'new',     'IT',  3,    9,    4);
            """);
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Runs <paramref name="contractYaml"/>'s rules; "orders" is published, any other object is not.</summary>
    public Task<IReadOnlyList<RuleResult>> RunAsync(string contractYaml, QualityPlan plan = QualityEngine.DefaultPlan,
        TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        new QualityEngine(new DataPlaneOptions { UserSqlTimeout = limit ?? TimeSpan.FromSeconds(30) }) { Plan = plan }
            .RunAsync(Connection, Contract(contractYaml), o => o == "orders" ? Table : null, cancellationToken);

    /// <summary>An ODCS contract whose schema is <paramref name="schemaYaml"/> (a YAML list of objects).</summary>
    public static NormalizedContract Contract(string schemaYaml, string extra = "") =>
        ContractNormalizer.Normalize((JsonObject)YamlJson.Parse($"""
            apiVersion: v3.1.0
            kind: DataContract
            id: quality-test
            version: 1.0.0
            status: active
            schema:
            {Indent(schemaYaml, 2)}
            {extra}
            """)!);

    /// <summary>The orders object with its seven properties; <paramref name="objectRules"/> and <paramref name="propertyRules"/> are YAML lists.</summary>
    public static string Orders(string objectRules = "[]", IReadOnlyDictionary<string, string>? propertyRules = null)
    {
        var properties = new[] { "id", "email", "status", "country", "tenant", "order_no", "amount" }.Select(p =>
            $"  - name: {p}\n    quality:\n{Indent(propertyRules?.GetValueOrDefault(p) ?? "[]", 6)}");
        return $"- name: orders\n  quality:\n{Indent(objectRules, 4)}\n  properties:\n{string.Join("\n", properties)}";
    }

    private static string Indent(string text, int spaces = 0) =>
        string.Join("\n", text.Trim('\n').Split('\n').Select(l => new string(' ', spaces) + l));

    public void Dispose()
    {
        Connection.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Quality;

/// <summary>
/// Runs the quality rules of a contract against a quantum's published tables in DuckDB.
/// <list type="bullet">
/// <item><b>library</b> rules are computed as SQL aggregates (see <see cref="LibraryMetric"/>), batched by <see cref="Plan"/>.</item>
/// <item><b>sql</b> rules run the owner's query with <c>{object}</c> replaced by the object's table and <c>{property}</c> by
/// the rule's column; an object may also be named as its producer knows it, by its name or physical name
/// (<c>SELECT count(*) FROM shipments</c>, as ODCS examples do). The query must be one read-only SELECT (the user-SQL
/// guard) and returns one value (a number, or a boolean read as 1/0) compared with the rule's operator.</item>
/// <item><b>custom</b> rules (Soda, Great Expectations…) and <b>text</b> rules are listed as <see cref="RuleStatus.NotExecuted"/>, never as passed.</item>
/// </list>
/// A rule that cannot run — a property not in the object, a malformed pattern, an unknown metric, an SQL rule that
/// fails, writes or times out — is an <see cref="RuleStatus.Error"/> with the reason; the other rules still run.
/// Every query runs with <see cref="DataPlaneOptions.UserSqlTimeout"/> as its time limit, and is interrupted when
/// the caller cancels (the run then throws <see cref="OperationCanceledException"/>).
/// </summary>
public sealed class QualityEngine(DataPlaneOptions options)
{
    /// <summary>The batching the quality benchmark measured fastest (bench/MeshPortal.Bench/Quality, docs/performance.md).</summary>
    public const QualityPlan DefaultPlan = QualityPlan.PerRule;

    public QualityPlan Plan { get; init; } = DefaultPlan;

    /// <summary>
    /// Runs every rule of <paramref name="contract"/>, object by object, in the contract's order (an object's own
    /// rules, then its properties' rules).
    /// </summary>
    /// <param name="tableOfObject">The qualified table holding an object's published data (e.g. <c>silver."orders"</c>), or null when it has none yet.</param>
    public async Task<IReadOnlyList<RuleResult>> RunAsync(DuckDBConnection connection, NormalizedContract contract,
        Func<string, string?> tableOfObject, CancellationToken cancellationToken)
    {
        var aliases = await AliasAsync(connection, contract, tableOfObject, cancellationToken);
        try
        {
            var results = new List<RuleResult>();
            foreach (var obj in contract.Objects)
                results.AddRange(await new ObjectRun(connection, obj, tableOfObject(obj.Name), options.UserSqlTimeout, Plan).RunAsync(cancellationToken));
            return results;
        }
        finally
        {
            foreach (var alias in aliases) await Db.ExecuteAsync(connection, $"DROP VIEW IF EXISTS temp.main.{alias}", CancellationToken.None);
        }
    }

    /// <summary>
    /// For the length of the run, each published object's name and physical name (when it is a plain name, not
    /// qualified) are temporary views of its table, so that sql rules may read it under those names. Returns the views made.
    /// </summary>
    static async Task<List<string>> AliasAsync(DuckDBConnection connection, NormalizedContract contract, Func<string, string?> tableOfObject,
        CancellationToken cancellationToken)
    {
        var aliases = new List<string>();
        var names = contract.Objects
            .Where(o => tableOfObject(o.Name) is not null)
            .SelectMany(o => new[] { o.Name, o.PhysicalName }.Where(n => !string.IsNullOrWhiteSpace(n) && !n.Contains('.')).Select(n => (Name: n!.Trim(), Table: tableOfObject(o.Name)!)))
            .DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, table) in names)
        {
            var alias = Quote.Identifier(name);
            try
            {
                await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP VIEW {alias} AS SELECT * FROM {table}", cancellationToken);
                aliases.Add(alias);
            }
            catch (DuckDBException)
            {
                // The table cannot be read: the object's rules say so, each as an error.
            }
        }
        return aliases;
    }
}

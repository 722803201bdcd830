using DuckDB.NET.Data;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Quality;

/// <summary>
/// Runs the quality rules of a contract against a quantum's published tables in DuckDB.
/// <list type="bullet">
/// <item><b>library</b> rules are computed as SQL aggregates (see <see cref="LibraryMetric"/>), batched by <see cref="Plan"/>.</item>
/// <item><b>sql</b> rules run the owner's query with <c>{object}</c> replaced by the object's table and <c>{property}</c> by
/// the rule's column; the query must be one read-only SELECT (the user-SQL guard) and returns one value (a number, or a
/// boolean read as 1/0) compared with the rule's operator.</item>
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
        var results = new List<RuleResult>();
        foreach (var obj in contract.Objects)
            results.AddRange(await new ObjectRun(connection, obj, tableOfObject(obj.Name), options.UserSqlTimeout, Plan).RunAsync(cancellationToken));
        return results;
    }
}

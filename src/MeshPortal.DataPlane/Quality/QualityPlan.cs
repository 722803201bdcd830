namespace MeshPortal.DataPlane.Quality;

/// <summary>
/// How the library rules of one object are batched into queries. DuckDB reads only the columns a query names, so
/// fewer queries are not automatically faster: <c>bench … quality</c> times the three and
/// <see cref="QualityEngine.DefaultPlan"/> is the one it found fastest (docs/performance.md, "Quality").
/// </summary>
public enum QualityPlan
{
    /// <summary>One query per rule.</summary>
    PerRule,
    /// <summary>One query for all the rules of the object.</summary>
    SingleScan,
    /// <summary>One query for every count that needs no DISTINCT (and the row count), plus one query per duplicateValues rule.</summary>
    ScanPlusDistinct,
}

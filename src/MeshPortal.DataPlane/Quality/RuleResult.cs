namespace MeshPortal.DataPlane.Quality;

/// <summary>What became of one quality rule in a run.</summary>
public enum RuleStatus
{
    /// <summary>Measured, and the value satisfies the rule's operator.</summary>
    Passed,
    /// <summary>Measured, and the value does not satisfy the rule's operator.</summary>
    Failed,
    /// <summary>The rule could not be measured (bad rule, missing column, failing or timed-out SQL); <see cref="RuleResult.Message"/> says why.</summary>
    Error,
    /// <summary>Not measured by MeshPortal: text and custom rules (other engines), rules on objects with no published data.</summary>
    NotExecuted,
}

/// <summary>
/// The outcome of one quality rule of a contract.
/// </summary>
/// <param name="Rule">The rule's key in the contract (<c>QualityRule.Key</c>: its name, else its metric, numbered when repeated).</param>
/// <param name="Type">library, sql, custom or text.</param>
/// <param name="Object">The schema object the rule belongs to.</param>
/// <param name="Property">The property a property-level rule belongs to; null for object-level rules.</param>
/// <param name="Value">
/// The measured value in <paramref name="Unit"/>: for <c>rows</c> a count, for <c>percent</c> the count × 100 / the object's
/// row count; for sql rules what the query returned (true = 1, false = 0). Null when not measured.
/// </param>
/// <param name="Unit">rows or percent for library metrics; the declared unit (or null) for sql rules.</param>
/// <param name="Threshold">The operand as the contract wrote it: <c>0</c>, <c>[100, 120]</c>.</param>
/// <param name="Message">Why the rule is in error or not executed; null when it was measured.</param>
public sealed record RuleResult(
    string Rule,
    string? Name,
    string Type,
    string? Metric,
    string Object,
    string? Property,
    string? Dimension,
    string? Severity,
    double? Value,
    string? Unit,
    string? Operator,
    string? Threshold,
    RuleStatus Status,
    string? Message);

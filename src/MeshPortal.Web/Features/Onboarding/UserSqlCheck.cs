using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Owners' SQL (gold SELECTs, composition queries) is checked when it is saved, with the guard the engine applies when
/// it runs it: DuckDB's own parser, one read-only SELECT over the tables it is meant to read, nothing else.
/// </summary>
public static partial class UserSqlCheck
{
    public const int MaxLength = UserSql.MaxLength;

    /// <summary>The gold SELECT reads the validated rows: <c>silver</c> (the run's object) or <c>silver.&lt;object&gt;</c>.</summary>
    public static UserSqlScope Gold { get; } = new("the gold query", ["silver", "silver.*"]);

    /// <summary>A composition reads its input ports' tables, <c>input."&lt;port&gt;"</c>.</summary>
    public static UserSqlScope Composition(IEnumerable<string> inputPorts) => new("the composition query", inputPorts.Select(p => "input." + p).ToList());

    /// <summary>Why the SQL is refused, or null.</summary>
    public static async Task<string?> ErrorAsync(string? sql, UserSqlScope scope, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(sql)) return "Write the SELECT.";
        // Parsing only: an empty in-memory database, nothing is run.
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        try
        {
            await UserSql.EnsureSingleSelectAsync(connection, sql, scope, ct);
            return null;
        }
        catch (DataPlaneException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The guard itself failed: refuse (never let unchecked SQL through) and say so.
            return $"The SQL could not be checked ({e.Message}); nothing was saved. Try again, and tell an operator if it persists.";
        }
    }

    /// <summary>Why an input port's name cannot be a composition's table name (the engine's rule), or null.</summary>
    public static string? InputNameError(string port) =>
        InputName().IsMatch(port) ? null : $"Input port '{port}' cannot be read as input.\"{port}\": a composition reads ports named with letters, digits and '_' (starting with a letter). Rename the port.";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex InputName();
}

using System.Globalization;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;

namespace MeshPortal.DataPlane.Quality;

/// <summary>Runs the owner's query of an sql rule through the data plane's user-SQL guard and time limit.</summary>
internal static class UserSqlRule
{
    /// <summary>The single value the query returns: a number, or a boolean as 1/0.</summary>
    /// <exception cref="DataPlaneException">Refused by the guard, failed, timed out, or returned nothing usable; the message says which.</exception>
    public static async Task<double> ValueAsync(DuckDBConnection connection, string sql, string rule, TimeSpan limit, CancellationToken cancellationToken)
    {
        var what = $"the query of rule '{rule}'";
        // Any table of the quantum's own database may be read (a rule may reconcile two objects); files and writes may not.
        var select = await UserSql.EnsureSingleSelectAsync(connection, sql, new UserSqlScope(what), cancellationToken);
        var (found, value) = await UserSql.RunWithTimeoutAsync(connection, select, command =>
        {
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.FieldCount > 0 ? (true, reader.IsDBNull(0) ? null : reader.GetValue(0)) : (false, null);
        }, limit, what, cancellationToken);
        if (!found) throw new DataPlaneException($"The query of rule '{rule}' returned no row; it must return one value.");
        return value switch
        {
            null => throw new DataPlaneException($"The query of rule '{rule}' returned null; it must return a number."),
            bool b => b ? 1 : 0,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            string s => throw new DataPlaneException($"The query of rule '{rule}' returned '{s}', not a number."),
            System.Numerics.BigInteger big => (double)big,
            IConvertible c when c.GetTypeCode() is not (TypeCode.DateTime or TypeCode.Char or TypeCode.Object) => c.ToDouble(CultureInfo.InvariantCulture),
            var other => throw new DataPlaneException($"The query of rule '{rule}' returned a {other.GetType().Name}, not a number."),
        };
    }
}

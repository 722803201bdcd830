using System.Data;
using System.Data.Common;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// "Test connection" for a relational source: connects, and checks the table or the query without reading rows
/// (schema only), within 10 seconds. Never throws for a problem of the source: it answers with a message to show.
/// </summary>
public sealed class SourceConnectionTester(DataPlaneOptions options)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<(bool Ok, string Message)> TestAsync(RelationalSource source, CancellationToken cancellationToken)
    {
        var location = RelationalConnection.Describe(source.Kind, source.ConnectionString);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var statement = RelationalStatement.Parse(source.Kind, source.TableOrQuery);
            await using var session = await RelationalSession.OpenAsync(source, statement, options.AllowedFileRoot, Timeout, Timeout, deadline.Token);
            var columns = await session.RunAsync(() => ColumnsAsync(session, statement, deadline.Token), deadline.Token);
            var what = statement.Table is { } table ? $"table {table}" : "the query";
            var shown = string.Join(", ", columns.Take(8)) + (columns.Count > 8 ? $" and {columns.Count - 8} more" : "");
            return (true, $"Connected to {location}: {what} has {columns.Count} column{(columns.Count == 1 ? "" : "s")} ({shown}).");
        }
        catch (DataPlaneException e)
        {
            return (false, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"No answer from {location} within {Timeout.TotalSeconds:0} s. Check the host and port, and that a firewall lets the portal through.");
        }
    }

    /// <summary>
    /// The columns the source would give, read by running the statement so that it returns no row (permissions are
    /// checked then, not when a statement is only described). T-SQL cannot wrap a WITH query in a subquery, so a SQL
    /// Server query is only described (schema only): a missing SELECT permission shows at the first run.
    /// </summary>
    static async Task<IReadOnlyList<string>> ColumnsAsync(RelationalSession session, RelationalStatement statement, CancellationToken cancellationToken)
    {
        var describeOnly = statement is { Kind: RelationalKind.SqlServer, IsTable: false };
        await using var command = session.Command(describeOnly ? statement.Sql : statement.NoRowsSql);
        await using var reader = await command.ExecuteReaderAsync(describeOnly ? CommandBehavior.SchemaOnly : CommandBehavior.Default, cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }
}

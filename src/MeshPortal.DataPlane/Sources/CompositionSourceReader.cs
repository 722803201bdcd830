using DuckDB.NET.Data;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// Mesh composition (product C built from A + B): copies each producer's published output of an object into
/// <c>input."&lt;name&gt;"</c> of the consumer's database, after checking at run time that the producer's data was
/// validated against the contract the consumer relies on; then runs the composition SELECT over those tables (checked
/// and time-limited by <see cref="UserSql"/>) into the staging table, every column as text.
/// </summary>
public sealed partial class CompositionSourceReader(QuantumStorage storage, QuantumDataReader data, DataPlaneOptions options) : ISourceReader
{
    public const string InputSchema = "input";

    static readonly UserSqlScope Scope = new("the composition query", [InputSchema + ".*"]);

    public bool CanRead(SourceSpec source) => source is CompositionSource;

    public async Task<long> LoadAsync(DuckDBConnection connection, string table, SourceSpec source, IProgress<long> rowsRead,
        CancellationToken cancellationToken)
    {
        if (source is not CompositionSource composition)
            throw new ArgumentException($"{nameof(CompositionSourceReader)} reads compositions only.", nameof(source));
        if (composition.Inputs.Count == 0)
            throw new DataPlaneException("The composition has no input: add the input ports it reads.");
        foreach (var name in composition.Inputs.Keys)
            if (!InputName().IsMatch(name))
                throw new DataPlaneException($"'{name}' cannot name an input table: use letters, digits and '_', starting with a letter.");
        // Checked before any data is copied: a query that cannot run should not cost a copy of every input.
        var select = await UserSql.EnsureSingleSelectAsync(connection, composition.Sql, Scope, cancellationToken);

        await Db.ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {InputSchema}", cancellationToken);
        foreach (var (name, input) in composition.Inputs)
            await CopyInputAsync(connection, name, input, cancellationToken);

        var target = RelationalTarget.QuoteName(table);
        await UserSql.RunWithTimeoutAsync(connection, $"CREATE TABLE {target} AS SELECT COLUMNS(*)::VARCHAR FROM (\n{select}\n) AS composed",
            command => command.ExecuteNonQuery(), options.UserSqlTimeout, Scope.What, cancellationToken);
        var rows = await Db.CountAsync(connection, target, cancellationToken);
        rowsRead.Report(rows);
        return rows;
    }

    /// <summary>
    /// Copies the producer's published output into <c>input."name"</c>, types kept, through a Parquet file in the
    /// producer's temporary folder: two quanta are two DuckDB databases, and attaching one to the other would open its
    /// file twice. The published state is read again after the export; if a run of the producer committed meanwhile,
    /// the copy is made again, so the consumer always gets the data that was checked.
    /// </summary>
    async Task CopyInputAsync(DuckDBConnection consumer, string name, QuantumInput input, CancellationToken cancellationToken)
    {
        var producer = $"The producer of input '{name}' ({input.Producer ?? $"quantum {input.ProducerQuantumId}"})";
        var file = Path.Combine(storage.TempDirectory(input.ProducerQuantumId), $"composition-{Guid.NewGuid():N}.parquet");
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var published = await data.PublishedOutputAsync(input.ProducerQuantumId, input.ObjectName, cancellationToken)
                    ?? throw new DataPlaneException($"{producer} has no published data for '{input.ObjectName}' yet: its owner must run its onboarding first.");
                CheckContract(producer, input, published.ContractId, published.ContractVersion);
                await using (var connection = await storage.OpenAsync(input.ProducerQuantumId, cancellationToken))
                    await Db.ExecuteAsync(connection, $"COPY (SELECT * FROM {published.Layer.TableOf(published.ObjectName)}) TO {Quote.Literal(file)} (FORMAT parquet)", cancellationToken);
                var after = await data.PublishedOutputAsync(input.ProducerQuantumId, input.ObjectName, cancellationToken);
                if (after is not null && after.RunId == published.RunId && after.Layer == published.Layer) break;
                if (attempt == 3)
                    throw new DataPlaneException($"{producer} kept publishing new data while it was being copied; run this onboarding again.");
            }
            await Db.ExecuteAsync(consumer, $"CREATE OR REPLACE TABLE {Quote.Table(InputSchema, name)} AS SELECT * FROM read_parquet({Quote.Literal(file)})", cancellationToken);
        }
        finally
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    /// <summary>
    /// The producer's data must have been validated against the same contract, the same major version, and a version
    /// not older than the one the consumer relies on (a later minor or patch only adds to it).
    /// </summary>
    internal static void CheckContract(string producer, QuantumInput input, string contractId, string contractVersion)
    {
        if (!string.Equals(contractId, input.ContractId, StringComparison.Ordinal))
            throw new DataPlaneException($"{producer} publishes '{input.ObjectName}' under contract {contractId}, but this input relies on contract {input.ContractId}. "
                + "Point the input port at the contract the producer publishes.");
        if (!SemVer.TryParse(input.ContractVersion, out var required))
            throw new DataPlaneException($"This input relies on version '{input.ContractVersion}' of {input.ContractId}, which is not a semantic version (MAJOR.MINOR.PATCH).");
        if (!SemVer.TryParse(contractVersion, out var actual))
            throw new DataPlaneException($"{producer} published data validated against version '{contractVersion}' of {contractId}, which is not a semantic version.");
        if (actual.Major != required.Major)
            throw new DataPlaneException($"{producer} published '{input.ObjectName}' validated against {contractId} {actual}, but this input relies on {required}: "
                + $"another major version may break the composition. Move the input to {actual.Major}.x (and check the composition query), "
                + $"or ask the producer's owner to publish under {required.Major}.x.");
        if (actual < required)
            throw new DataPlaneException($"{producer} published '{input.ObjectName}' validated against {contractId} {actual}, older than the {required} this input relies on. "
                + $"Ask the producer's owner to onboard again under {required} or later, or make the input rely on {actual}.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex InputName();
}

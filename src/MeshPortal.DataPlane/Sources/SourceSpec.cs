namespace MeshPortal.DataPlane.Sources;

/// <summary>Where an onboarding run reads from. Resolved by the web app from a stored source (secrets decrypted just before the run).</summary>
public abstract record SourceSpec;

public enum FileFormat { Csv, Parquet, JsonLines }

/// <summary>A file on the server: an upload kept in the quantum's folder, or a path under the allowed root.</summary>
public sealed record FileSource(string Path, FileFormat Format) : SourceSpec;

public enum RelationalKind { Sqlite, PostgreSql, SqlServer, MySql }

/// <summary>A table (its name) or a read-only SELECT on a relational database.</summary>
public sealed record RelationalSource(RelationalKind Kind, string ConnectionString, string TableOrQuery) : SourceSpec
{
    /// <summary>The connection string is a secret: never print it.</summary>
    public override string ToString() => $"{Kind} source ({TableOrQuery})";
}

/// <summary>
/// Another quantum's published output of one schema object (gold when it has one, else silver). The producer's
/// published data must have been validated against a version of <paramref name="ContractId"/> with the same major as
/// <paramref name="ContractVersion"/> and not older: the consumer relies on that version (checked at run time).
/// </summary>
/// <param name="Producer">How errors name the producing quantum ("finance/invoices"); its id when not given.</param>
public sealed record QuantumInput(Guid ProducerQuantumId, string ObjectName, string ContractId, string ContractVersion, string? Producer = null);

/// <summary>
/// Mesh composition: each input is copied into a table <c>input.&lt;name&gt;</c>, then <paramref name="Sql"/> — a
/// read-only SELECT over them, with the user-SQL time limit — gives the rows (product C built from A + B).
/// </summary>
public sealed record CompositionSource(IReadOnlyDictionary<string, QuantumInput> Inputs, string Sql) : SourceSpec;

using System.Security.Cryptography;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Sources;
using MeshPortal.Domain.Onboarding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// Relational connection strings: checked before they are stored, encrypted at rest with ASP.NET Data Protection, decrypted
/// only just before a run or a test, and shown back only as where they point (host, database, file).
/// </summary>
public sealed class SourceConnections(IDataProtectionProvider protection, DataPlaneOptions options, SourceConnectionTester tester)
{
    public const string Purpose = "MeshPortal.Sources.v1";
    public const int MaxLength = 4000;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public static RelationalKind ToRelationalKind(SourceKind kind) => kind switch
    {
        SourceKind.Sqlite => RelationalKind.Sqlite,
        SourceKind.PostgreSql => RelationalKind.PostgreSql,
        SourceKind.SqlServer => RelationalKind.SqlServer,
        SourceKind.MySql => RelationalKind.MySql,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a relational source."),
    };

    /// <summary>Why the connection string cannot be used, or null. The message never repeats the string (it may hold a password).</summary>
    public string? Validate(SourceKind kind, string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection)) return "Give the connection string.";
        if (connection.Length > MaxLength) return $"The connection string is longer than {MaxLength} characters.";
        try
        {
            RelationalConnection.Validate(ToRelationalKind(kind), connection, options.AllowedFileRoot);
        }
        catch (DataPlaneException e)
        {
            return e.Message;
        }
        return kind == SourceKind.Sqlite ? SqliteFileError(connection) : null;
    }

    /// <summary>Why the table name or query cannot be read from this kind of database (one read-only SELECT, or a table), or null.</summary>
    public static string? QueryError(SourceKind kind, string? tableOrQuery)
    {
        if (string.IsNullOrWhiteSpace(tableOrQuery)) return "Name the table to read, or write a SELECT.";
        if (tableOrQuery.Length > UserSqlCheck.MaxLength) return $"The query is longer than {UserSqlCheck.MaxLength:N0} characters.";
        try
        {
            RelationalStatement.Parse(ToRelationalKind(kind), tableOrQuery);
            return null;
        }
        catch (DataPlaneException e)
        {
            return e.Message;
        }
    }

    /// <summary>Host and database (or the file) the connection points to, without credentials.</summary>
    public string Describe(SourceKind kind, string connection) =>
        $"{RelationalConnection.DisplayName(ToRelationalKind(kind))} {RelationalConnection.Describe(ToRelationalKind(kind), connection)}";

    public string Protect(string connection) => _protector.Protect(connection);

    /// <summary>The stored connection string, or null when it cannot be decrypted (the keys changed): the owner enters it again.</summary>
    public string? Unprotect(string? protectedConnection)
    {
        if (protectedConnection is null) return null;
        try
        {
            return _protector.Unprotect(protectedConnection);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Connects and reads the table's or query's columns (no rows), within the tester's time limit; never throws for the source's problems.</summary>
    public async Task<ConnectionTestResult> TestAsync(SourceKind kind, string connection, string? tableOrQuery, CancellationToken ct)
    {
        var (ok, message) = await tester.TestAsync(new RelationalSource(ToRelationalKind(kind), connection, tableOrQuery ?? "SELECT 1"), ct);
        if (ok && tableOrQuery is null) message = $"Connected to {Describe(kind, connection)}.";
        return new ConnectionTestResult(ok, message);
    }

    /// <summary>
    /// An SQLite "connection" is a file on this server: like file sources, it must lie under the allowed root, or anyone
    /// allowed to add sources could read the portal's own databases. Checked again here with every component's symbolic
    /// links resolved (a linked folder under the root may point outside it).
    /// </summary>
    private string? SqliteFileError(string connection)
    {
        string dataSource;
        try
        {
            dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "The SQLite connection string cannot be read: use Data Source=<path of the database file>.";
        }
        if (options.AllowedFileRoot is null)
            return "SQLite sources are files on the server, and reading server files is switched off: an operator sets MeshPortal:DataPlane:AllowedFileRoot to allow it.";
        var (_, error) = SourceFiles.ResolveUnderRoot(options.AllowedFileRoot, dataSource);
        return error;
    }
}

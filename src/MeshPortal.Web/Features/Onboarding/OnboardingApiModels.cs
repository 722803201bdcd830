using MeshPortal.Domain.Onboarding;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>A JSON source to add: a relational connection, a composition, or a file already on the server (<see cref="Path"/>).</summary>
public sealed record SourceInput
{
    public string? Name { get; init; }
    /// <summary>server-file, sqlite, postgresql, sqlserver, mysql or composition (uploads are multipart).</summary>
    public string? Kind { get; init; }
    public string? Connection { get; init; }
    public string? Query { get; init; }
    public string? OutputPort { get; init; }
    public string? Object { get; init; }
    public string? Path { get; init; }
}

/// <summary>A source on the wire: never the connection string, only where it points.</summary>
public sealed record SourceDto(
    Guid Id, string Name, string Kind, string? Format, string? OriginalFileName, long? SizeBytes, string? Location, string? Query,
    string OutputPort, string Object, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static SourceDto From(SourceSummary s) =>
        new(s.Id, s.Name, SourceKinds.Name(s.Kind), s.Format, s.OriginalFileName, s.SizeBytes, s.Location, s.Query, s.OutputPort, s.ObjectName, s.CreatedAt, s.CreatedBy);
}

public sealed record StartRunInput
{
    public Guid? SourceId { get; init; }
}

public sealed record TestConnectionInput
{
    public string? Kind { get; init; }
    public string? Connection { get; init; }
    public string? Query { get; init; }
}

/// <summary>The wire names of source kinds: the names people write ("postgresql", not "postgre-sql").</summary>
public static class SourceKinds
{
    private static readonly (SourceKind Kind, string Name)[] Names =
    [
        (SourceKind.Upload, "upload"), (SourceKind.ServerFile, "server-file"), (SourceKind.Sqlite, "sqlite"), (SourceKind.PostgreSql, "postgresql"),
        (SourceKind.SqlServer, "sqlserver"), (SourceKind.MySql, "mysql"), (SourceKind.Composition, "composition"),
    ];

    public static string Choices => string.Join(", ", Names.Where(n => n.Kind != SourceKind.Upload).Select(n => n.Name));

    public static string Name(SourceKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>Reads a kind leniently: case, '-' and '_' do not matter, and "postgres" is PostgreSQL.</summary>
    public static bool TryParse(string? text, out SourceKind kind)
    {
        var key = new string((text ?? "").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        if (key == "postgres") key = "postgresql";
        foreach (var (k, name) in Names)
        {
            if (name.Replace("-", "") != key) continue;
            kind = k;
            return true;
        }
        kind = default;
        return false;
    }
}

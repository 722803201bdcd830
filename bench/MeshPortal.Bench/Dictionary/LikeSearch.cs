using System.Text;
using MeshPortal.Web.Search;
using Microsoft.Data.Sqlite;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// The baseline: the same entries in one plain SQLite table (the flattened shape a "search the metadata database"
/// feature would query), searched with LIKE '%word%' over names and descriptions, every word ANDed, a quoted phrase
/// as one pattern, the same exact filters (indexed columns), ordered by name, one page and the total in one scan.
/// No facets and no highlights: the cheapest honest SQL answer; the Lucene side computes both.
/// </summary>
public sealed class LikeSearch : IDisposable
{
    private readonly SqliteConnection _connection;

    private LikeSearch(SqliteConnection connection) => _connection = connection;

    public static LikeSearch Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        // Searches from memory, as a warmed-up database server would: a page cache and memory map as large as the file.
        Execute(connection, "PRAGMA cache_size=-1048576; PRAGMA mmap_size=2147483648; PRAGMA temp_store=MEMORY;");
        return new LikeSearch(connection);
    }

    public static void Create(string path, IEnumerable<DictionaryDocument> documents)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
            CREATE TABLE Entries (Id INTEGER PRIMARY KEY, Type TEXT NOT NULL, Title TEXT NOT NULL, Description TEXT, Path TEXT,
                Domain TEXT, Quantum TEXT, Tier TEXT, Status TEXT, Classification TEXT, Tags TEXT NOT NULL);
            """);
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Entries (Type, Title, Description, Path, Domain, Quantum, Tier, Status, Classification, Tags) " +
                                 "VALUES ($type, $title, $description, $path, $domain, $quantum, $tier, $status, $classification, $tags)";
            var names = new[] { "$type", "$title", "$description", "$path", "$domain", "$quantum", "$tier", "$status", "$classification", "$tags" };
            foreach (var name in names) insert.Parameters.Add(new SqliteParameter { ParameterName = name });
            insert.Prepare();
            foreach (var d in documents)
            {
                object?[] values = [d.Type, d.Title, d.Description, d.Path, d.Domain, d.Quantum, d.Tier, d.Status, d.Classification, "|" + string.Join("|", d.Tags) + "|"];
                for (var i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i] ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        Execute(connection, """
            CREATE INDEX IX_Entries_Type ON Entries (Type);
            CREATE INDEX IX_Entries_Domain ON Entries (Domain);
            CREATE INDEX IX_Entries_Tier ON Entries (Tier);
            CREATE INDEX IX_Entries_Status ON Entries (Status);
            CREATE INDEX IX_Entries_Classification ON Entries (Classification);
            CREATE INDEX IX_Entries_Title ON Entries (Title);
            ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);
            """);
    }

    /// <summary>The total and the titles of one page, like the dictionary's answer without facets and highlights.</summary>
    public (long Total, List<string> Titles) Search(SearchRequest request)
    {
        using var command = _connection.CreateCommand();
        var where = new StringBuilder("1=1");
        var n = 0;
        foreach (var pattern in Patterns(request.Text))
        {
            var p = "$p" + n++;
            where.Append($" AND (Title LIKE {p} ESCAPE '\\' OR Description LIKE {p} ESCAPE '\\')");
            command.Parameters.AddWithValue(p, pattern);
        }
        foreach (var (facet, value) in request.Filters())
        {
            var p = "$f" + n++;
            if (facet == "tag")
            {
                where.Append($" AND Tags LIKE {p}");
                command.Parameters.AddWithValue(p, "%|" + value + "|%");
            }
            else
            {
                where.Append($" AND {char.ToUpperInvariant(facet[0])}{facet[1..]} = {p}");
                command.Parameters.AddWithValue(p, value);
            }
        }
        command.CommandText = $"SELECT Title, COUNT(*) OVER () FROM Entries WHERE {where} ORDER BY Title LIMIT $size OFFSET $offset";
        command.Parameters.AddWithValue("$size", request.PageSize);
        command.Parameters.AddWithValue("$offset", (request.Page - 1) * request.PageSize);
        long total = 0;
        var titles = new List<string>(request.PageSize);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            titles.Add(reader.GetString(0));
            total = reader.GetInt64(1);
        }
        return (total, titles);
    }

    /// <summary>'%word%' per word outside quotes, '%the phrase%' per quoted phrase; LIKE's own wildcards escaped.</summary>
    public static List<string> Patterns(string? text)
    {
        var patterns = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return patterns;
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var chunks = i % 2 == 1 ? [parts[i].Trim()] : parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var chunk in chunks.Where(c => c.Length > 0))
                patterns.Add("%" + chunk.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        return patterns;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}

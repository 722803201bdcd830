using System.Data.Common;
using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// The portal's own metadata database (SQLite, the real migrations) filled with the generated mesh: domains, owners,
/// quanta with output ports bound to their contracts, contracts with one version each (the ODCS document as JSON)
/// and its columns. DictionaryProjection reads it exactly as in the app. Small tables go through EF; the contract
/// versions and the million columns through prepared ADO.NET inserts in large transactions, for speed.
/// </summary>
public sealed class MetadataDatabase(string path) : IDbContextFactory<MeshDbContext>
{
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    public MeshDbContext CreateDbContext() =>
        new SqliteMeshDbContext(new DbContextOptionsBuilder<SqliteMeshDbContext>().UseSqlite(ConnectionString).Options);

    public async Task FillAsync(MeshGenerator mesh, Action<string>? log = null)
    {
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var owners = Enumerable.Range(0, mesh.OwnerCount)
                .Select(i => new User { Subject = $"bench:{i}", Username = $"owner{i}", DisplayName = $"Owner {i}" }).ToList();
            db.Users.AddRange(owners);
            var domains = mesh.DomainList.ToDictionary(d => d.Slug, d => new MeshDomain { Slug = d.Slug, Name = d.Name, Description = d.Description });
            db.Domains.AddRange(domains.Values);
            await db.SaveChangesAsync();

            foreach (var chunk in mesh.Quanta.Chunk(2000))
            {
                db.Quanta.AddRange(chunk.Select(q => new Quantum
                {
                    Id = q.Id, DomainId = domains[q.Domain].Id, Slug = q.Slug, Name = q.Name, Description = q.Description,
                    Tier = Enum.Parse<Tier>(q.Tier, ignoreCase: true), Status = Enum.Parse<QuantumStatus>(q.Status, ignoreCase: true),
                    Tags = q.Tags.ToList(), OwnerId = owners[q.Owner].Id,
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        log?.Invoke($"{mesh.QuantumCount:N0} quanta");

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        var domainIds = new Dictionary<string, string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Slug, Id FROM Domains";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) domainIds[reader.GetString(0)] = reader.GetString(1);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var contract = Prepare(connection, transaction, "INSERT INTO Contracts (Id, DomainId, Name, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy) VALUES ($id, $domain, $name, 0, 'bench', 0, 'bench')", "$id", "$domain", "$name");
        var version = Prepare(connection, transaction,
            "INSERT INTO ContractVersions (Id, ContractId, Version, SortKey, Status, ApiVersion, Document, Effective, Revision, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy) " +
            "VALUES ($id, $contract, $version, $sort, $status, 'v3.1.0', $document, $document, 1, 0, 'bench', 0, 'bench')",
            "$id", "$contract", "$version", "$sort", "$status", "$document");
        var port = Prepare(connection, transaction,
            "INSERT INTO Ports (Id, QuantumId, Direction, Name, Kind, Description, ContractId, ContractVersion) VALUES ($id, $quantum, 'Output', $name, 'table', '', $contract, $version)",
            "$id", "$quantum", "$name", "$contract", "$version");
        var column = Prepare(connection, transaction,
            "INSERT INTO ContractColumns (Id, ContractVersionId, ObjectName, Path, Name, LogicalType, PhysicalType, Description, Classification, Pii, Required, \"Unique\", PrimaryKey, Tags, Position) " +
            "VALUES ($id, $version, $object, $path, $name, $logical, $physical, $description, $classification, $pii, 0, 0, $pk, $tags, $position)",
            "$id", "$version", "$object", "$path", "$name", "$logical", "$physical", "$description", "$classification", "$pii", "$pk", "$tags", "$position");

        foreach (var c in mesh.Contracts())
        {
            Run(contract, c.Id, domainIds[c.Quantum.Domain], c.Name);
            var versionId = Guid.NewGuid();
            Run(version, Text(versionId), c.Id, c.Version, ContractVersion.SortKeyOf(SemVer.Parse(c.Version)), Title(c.Status), Odcs(c).ToJsonString());
            Run(port, Text(Guid.NewGuid()), Text(c.Quantum.Id), $"out-{c.Index}", c.Id, c.Version);
            var position = 0;
            foreach (var o in c.Objects)
            foreach (var col in o.Columns)
            {
                Run(column, Text(Guid.NewGuid()), Text(versionId), o.Name, $"{o.Name}.{col.Name}", col.Name, col.LogicalType, col.PhysicalType, col.Description,
                    col.Classification, col.Tags.Contains("pii") ? 1 : 0, position == 0 ? 1 : 0, System.Text.Json.JsonSerializer.Serialize(col.Tags), position++);
            }
            if ((c.Index + 1) % 5000 == 0) log?.Invoke($"{c.Index + 1:N0} contracts");
        }
        await transaction.CommitAsync();
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    }

    /// <summary>The ODCS v3.1.0 document the contract's version stores (Document and Effective: it has no parent).</summary>
    public static JsonObject Odcs(GeneratedContract c) => new()
    {
        ["apiVersion"] = "v3.1.0",
        ["kind"] = "DataContract",
        ["id"] = c.Id,
        ["version"] = c.Version,
        ["status"] = c.Status,
        ["name"] = c.Name,
        ["domain"] = c.Quantum.Domain,
        ["description"] = new JsonObject { ["purpose"] = c.Purpose },
        ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)t).ToArray()),
        ["schema"] = new JsonArray(c.Objects.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name,
            ["physicalName"] = o.Name,
            ["physicalType"] = "table",
            ["description"] = o.Description,
            ["properties"] = new JsonArray(o.Columns.Select((col, i) => (JsonNode)new JsonObject
            {
                ["name"] = col.Name,
                ["logicalType"] = col.LogicalType,
                ["physicalType"] = col.PhysicalType,
                ["description"] = col.Description,
                ["classification"] = col.Classification,
                ["primaryKey"] = i == 0,
                ["tags"] = new JsonArray(col.Tags.Select(t => (JsonNode)t).ToArray()),
            }).ToArray()),
        }).ToArray()),
    };

    // EF Core's SQLite provider stores Guids as upper-case text and enums (here) as their names.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Title(string status) => char.ToUpperInvariant(status[0]) + status[1..];

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

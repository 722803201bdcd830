using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Storage;

namespace MeshPortal.DataPlane.Serving;

/// <summary>Reads a quantum's published data: layer summaries, previews, the quarantine, and streamed exports.</summary>
/// <remarks>
/// Each call reads inside one transaction, so it sees one published state even when a run commits meanwhile. Reading
/// never creates a quantum's database: a quantum without one has no layers.
/// </remarks>
public sealed class QuantumDataReader(QuantumStorage storage)
{
    /// <summary>What a masked value is shown as in <see cref="PageAsync"/>.</summary>
    public const string Mask = "••••";

    /// <summary>Every published table of the quantum (empty before the first successful run).</summary>
    public async Task<IReadOnlyList<LayerTable>> LayersAsync(Guid quantumId, CancellationToken cancellationToken = default)
    {
        if (!storage.Exists(quantumId)) return [];
        await using var connection = await storage.OpenAsync(quantumId, cancellationToken);
        return await ReadAsync(connection, () => LayersAsync(connection, cancellationToken));
    }

    /// <summary>
    /// What the quantum serves for an object: its gold table when it has one, else its silver table, with the contract
    /// version the run validated against (from meta.loads); null when nothing is published for the object.
    /// </summary>
    public async Task<LayerTable?> PublishedOutputAsync(Guid quantumId, string objectName, CancellationToken cancellationToken = default)
    {
        var layers = await LayersAsync(quantumId, cancellationToken);
        return Find(layers, Layer.Gold, objectName) ?? Find(layers, Layer.Silver, objectName);
    }

    /// <summary>Rows of one published table; <paramref name="masked"/> columns are replaced by a mask.</summary>
    public async Task<TablePage> PageAsync(Guid quantumId, Layer layer, string objectName, int limit, long offset,
        IReadOnlySet<string> masked, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var connection = await OpenExistingAsync(quantumId, layer, objectName, cancellationToken);
        return await ReadAsync(connection, async () =>
        {
            var table = await TableAsync(connection, layer, objectName, cancellationToken);
            var hidden = table.Columns.Select(c => IsMasked(masked, c.Name)).ToArray();
            var select = string.Join(", ", table.Columns.Select((c, i) => hidden[i] ? "NULL" : $"CAST({Quote.Identifier(c.Name)} AS VARCHAR)"));
            var rows = await Db.ListAsync(connection, $"SELECT {select} FROM {layer.TableOf(table.ObjectName)} LIMIT {limit} OFFSET {offset}",
                r => (IReadOnlyList<string?>)Enumerable.Range(0, r.FieldCount).Select(i => hidden[i] ? Mask : r.IsDBNull(i) ? null : r.GetString(i)).ToArray(),
                cancellationToken);
            // The count the run recorded: bronze kept as a file is a view, which a count(*) would read whole.
            return new TablePage(table.Columns.Select(c => c.Name).ToList(), rows, table.Rows);
        });
    }

    /// <summary>Streams rows of one published table to <paramref name="output"/> in <paramref name="format"/>; masked columns are written as null.</summary>
    /// <remarks>
    /// CSV (RFC 4180, header line, CRLF) and JSON (one array of objects, values typed) are written while DuckDB streams the
    /// result, a chunk at a time. Parquet is written by DuckDB to a temporary file in the quantum's folder, which is then
    /// streamed and deleted.
    /// </remarks>
    public async Task WriteAsync(Guid quantumId, Layer layer, string objectName, DataFormat format, long? limit, long offset,
        IReadOnlySet<string> masked, Stream output, CancellationToken cancellationToken = default)
    {
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var connection = await OpenExistingAsync(quantumId, layer, objectName, cancellationToken);
        await ReadAsync(connection, async () =>
        {
            var table = await TableAsync(connection, layer, objectName, cancellationToken);
            var from = $"FROM {layer.TableOf(table.ObjectName)}{(limit is { } l ? $" LIMIT {l}" : "")}{(offset > 0 ? $" OFFSET {offset}" : "")}";
            var columns = table.Columns.Select(c => new ExportColumn(c.Name, c.Type, IsMasked(masked, c.Name))).ToList();
            switch (format)
            {
                case DataFormat.Csv:
                    await WriteCsvAsync(connection, columns, from, output, cancellationToken);
                    break;
                case DataFormat.Json:
                    await WriteJsonAsync(connection, columns, from, output, cancellationToken);
                    break;
                case DataFormat.Parquet:
                    await WriteParquetAsync(connection, storage.TempDirectory(quantumId), columns, from, output, cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }
            return true;
        });
    }

    sealed record ExportColumn(string Name, string Type, bool Masked)
    {
        public string Sql => Quote.Identifier(Name);
    }

    static async Task WriteCsvAsync(DuckDBConnection connection, IReadOnlyList<ExportColumn> columns, string from, Stream output, CancellationToken cancellationToken)
    {
        var select = string.Join(", ", columns.Select(c => c.Masked ? "NULL" : $"CAST({c.Sql} AS VARCHAR)"));
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        line.AppendJoin(',', columns.Select(c => CsvField(c.Name))).Append("\r\n");
        await StreamAsync(connection, $"SELECT {select} {from}", cancellationToken, async reader =>
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0) line.Append(',');
                if (!reader.IsDBNull(i)) line.Append(CsvField(reader.GetString(i)));
            }
            line.Append("\r\n");
            if (line.Length > 1 << 15)
            {
                await writer.WriteAsync(line, cancellationToken);
                line.Clear();
            }
        });
        await writer.WriteAsync(line, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>RFC 4180: quoted when it holds a comma, a quote or a line break (and when empty, so that "" differs from null).</summary>
    static string CsvField(string value) =>
        value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    enum JsonKind { Text, Boolean, Integer, Float, RawNumber, RawJson, Timestamp }

    static JsonKind KindOf(string type)
    {
        var t = type.ToUpperInvariant();
        if (t.EndsWith(']') || t.StartsWith("STRUCT") || t.StartsWith("MAP") || t.StartsWith("UNION") || t == "JSON") return JsonKind.RawJson;
        if (t == "BOOLEAN") return JsonKind.Boolean;
        if (t is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT") return JsonKind.Integer;
        if (t is "FLOAT" or "DOUBLE" or "REAL") return JsonKind.Float;
        if (t.StartsWith("DECIMAL") || t is "HUGEINT" or "UHUGEINT") return JsonKind.RawNumber;
        if (t.StartsWith("TIMESTAMP")) return JsonKind.Timestamp;
        return JsonKind.Text;
    }

    static async Task WriteJsonAsync(DuckDBConnection connection, IReadOnlyList<ExportColumn> columns, string from, Stream output, CancellationToken cancellationToken)
    {
        var kinds = columns.Select(c => KindOf(c.Type)).ToArray();
        var select = string.Join(", ", columns.Select((c, i) => c.Masked ? "NULL" : kinds[i] switch
        {
            JsonKind.Boolean or JsonKind.Integer or JsonKind.Float => c.Sql,
            JsonKind.RawJson => $"CAST(to_json({c.Sql}) AS VARCHAR)",
            JsonKind.Timestamp => $"replace(CAST({c.Sql} AS VARCHAR), ' ', 'T')",
            _ => $"CAST({c.Sql} AS VARCHAR)",
        }));
        var names = columns.Select(c => JsonEncodedText.Encode(c.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        await StreamAsync(connection, $"SELECT {select} {from}", cancellationToken, async reader =>
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(names[i]);
                if (reader.IsDBNull(i)) { json.WriteNullValue(); continue; }
                switch (kinds[i])
                {
                    case JsonKind.Boolean: json.WriteBooleanValue(reader.GetBoolean(i)); break;
                    case JsonKind.Integer when reader.GetValue(i) is ulong big: json.WriteNumberValue(big); break;
                    case JsonKind.Integer: json.WriteNumberValue(Convert.ToInt64(reader.GetValue(i))); break;
                    case JsonKind.Float:
                        var number = Convert.ToDouble(reader.GetValue(i));
                        if (double.IsFinite(number)) json.WriteNumberValue(number); else json.WriteStringValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case JsonKind.RawNumber or JsonKind.RawJson: json.WriteRawValue(reader.GetString(i)); break;
                    default: json.WriteStringValue(reader.GetString(i)); break;
                }
            }
            json.WriteEndObject();
            if (json.BytesPending > 1 << 15) await json.FlushAsync(cancellationToken);
        });
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    static async Task WriteParquetAsync(DuckDBConnection connection, string folder, IReadOnlyList<ExportColumn> columns, string from, Stream output,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"export-{Guid.NewGuid():N}.parquet");
        try
        {
            var select = string.Join(", ", columns.Select(c => c.Masked ? $"CAST(NULL AS {c.Type}) AS {c.Sql}" : c.Sql));
            await Db.ExecuteAsync(connection, $"COPY (SELECT {select} {from}) TO {Quote.Literal(file)} (FORMAT parquet)", cancellationToken);
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await stream.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> in DuckDB's streaming mode (a chunk of rows at a time, never the whole result in
    /// memory) and hands each row to <paramref name="row"/>; cancelling interrupts DuckDB.
    /// </summary>
    static async Task StreamAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken, Func<DuckDBDataReader, Task> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        using var interrupt = cancellationToken.Register(static c => ((DuckDBCommand)c!).Cancel(), command);
        try
        {
            await using var reader = await Task.Run(command.ExecuteReader, cancellationToken);
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await row(reader);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is DuckDBException)
        {
            throw new OperationCanceledException("The export was cancelled.", e, cancellationToken);
        }
    }

    static bool IsMasked(IReadOnlySet<string> masked, string column) =>
        masked.Contains(column) || masked.Any(m => string.Equals(m, column, StringComparison.OrdinalIgnoreCase));

    async Task<DuckDBConnection> OpenExistingAsync(Guid quantumId, Layer layer, string objectName, CancellationToken cancellationToken) =>
        storage.Exists(quantumId)
            ? await storage.OpenAsync(quantumId, cancellationToken)
            : throw NotPublished(layer, objectName);

    static async Task<LayerTable> TableAsync(DuckDBConnection connection, Layer layer, string objectName, CancellationToken cancellationToken) =>
        Find(await LayersAsync(connection, cancellationToken), layer, objectName) ?? throw NotPublished(layer, objectName);

    static DataPlaneException NotPublished(Layer layer, string objectName) =>
        new($"There is no published {layer.Schema()} data for '{objectName}' yet: run an onboarding first.");

    static LayerTable? Find(IReadOnlyList<LayerTable> layers, Layer layer, string objectName) =>
        layers.FirstOrDefault(l => l.Layer == layer && l.ObjectName == objectName)
        ?? layers.FirstOrDefault(l => l.Layer == layer && string.Equals(l.ObjectName, objectName, StringComparison.OrdinalIgnoreCase));

    static async Task<IReadOnlyList<LayerTable>> LayersAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var loads = await Db.ListAsync(connection, MetaLoads.Published, r => (
            Layer: LayerNames.Parse(r.GetString(0))!.Value, Object: r.GetString(1), Rows: r.GetInt64(2), RunId: r.GetGuid(3),
            LoadedAt: new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)), ContractId: r.GetString(5),
            ContractVersion: r.GetString(6), Table: r.GetString(7)), cancellationToken);
        var columns = (await Db.ListAsync(connection, """
                SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
                WHERE database_name = current_database() AND NOT internal AND schema_name IN ('bronze', 'silver', 'quarantine', 'gold')
                ORDER BY schema_name, table_name, column_index
                """, r => (Schema: r.GetString(0), Table: r.GetString(1), Column: new FoundColumn(r.GetString(2), r.GetString(3))), cancellationToken))
            .ToLookup(c => (c.Schema, c.Table), c => c.Column);
        return loads
            .Select(l => new LayerTable(l.Layer, l.Object, l.Rows, l.RunId, l.LoadedAt, l.ContractId, l.ContractVersion, columns[(l.Layer.Schema(), l.Table)].ToList()))
            .OrderBy(l => l.ObjectName, StringComparer.Ordinal).ThenBy(l => l.Layer)
            .ToList();
    }

    /// <summary>Runs the reads of one call in one transaction: one snapshot of the published tables.</summary>
    static async Task<T> ReadAsync<T>(DuckDBConnection connection, Func<Task<T>> read)
    {
        await Db.ExecuteAsync(connection, "BEGIN TRANSACTION", CancellationToken.None);
        try
        {
            return await read();
        }
        finally
        {
            await Db.ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
        }
    }
}

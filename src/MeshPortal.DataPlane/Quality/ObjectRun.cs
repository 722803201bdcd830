using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Quality;

/// <summary>The rules of one object: checked, planned into queries, run, compared.</summary>
internal sealed class ObjectRun(DuckDBConnection connection, ContractObject obj, string? table, TimeSpan limit, QualityPlan plan)
{
    private sealed record Slot(QualityRule Rule, ContractProperty? Property, bool Nested)
    {
        public RuleResult? Result { get; set; }
        public string Unit { get; set; } = Rule.Unit?.Trim().ToLowerInvariant() ?? "rows";
        public Threshold? Threshold { get; set; }
        public LibraryCheck? Check { get; set; }
    }

    private readonly List<Slot> _slots =
    [
        .. obj.Quality.Select(r => new Slot(r, null, false)),
        .. obj.Properties.SelectMany(p => p.Quality.Select(r => new Slot(r, p, false))),
        .. obj.Properties.SelectMany(p => p.Children.SelectMany(c => c.SelfAndDescendants())).SelectMany(p => p.Quality.Select(r => new Slot(r, p, true))),
    ];

    public async Task<IReadOnlyList<RuleResult>> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var slot in _slots) Classify(slot);
        var pending = _slots.Where(s => s.Result is null).ToList();
        if (pending.Count == 0) return Results();
        if (table is null)
        {
            foreach (var slot in pending) slot.Result = NotExecuted(slot, $"object '{obj.Name}' has no published data yet");
            return Results();
        }

        TableColumns columns;
        try
        {
            columns = new TableColumns(table, await ColumnsAsync(cancellationToken));
        }
        catch (DuckDBException e)
        {
            foreach (var slot in pending) slot.Result = Error(slot, $"the table {table} cannot be read: {Db.Message(e)}");
            return Results();
        }

        foreach (var slot in pending.Where(s => s.Rule.Type == "library")) await PrepareLibraryAsync(slot, columns, cancellationToken);
        await RunLibraryAsync(cancellationToken);
        foreach (var slot in pending.Where(s => s.Rule.Type == "sql")) await RunSqlAsync(slot, columns, cancellationToken);
        return Results();
    }

    private List<RuleResult> Results() => _slots.Select(s => s.Result!).ToList();

    /// <summary>Settles the rules MeshPortal does not run, or cannot run whatever the data.</summary>
    private void Classify(Slot slot)
    {
        var rule = slot.Rule;
        slot.Result = rule.Type switch
        {
            "text" => NotExecuted(slot, "a text rule describes quality in words; it is not executable"),
            "custom" => NotExecuted(slot, $"not executed by MeshPortal: a custom rule for {(rule.Engine is { Length: > 0 } e ? $"the engine '{e}'" : "another engine")}"),
            "sql" when slot.Nested && slot.Property!.Path.Contains("[]", StringComparison.Ordinal)
                => NotExecuted(slot, $"not executed by MeshPortal: an sql rule on a property of an array's items ({slot.Property.Path}) has no one value per row "
                                     + "for {property}; library metrics on it count the items"),
            "library" when slot.Nested && slot.Property!.Path.IndexOf("[]", StringComparison.Ordinal) != slot.Property.Path.LastIndexOf("[]", StringComparison.Ordinal)
                => NotExecuted(slot, $"not executed by MeshPortal: rules on an array inside an array's items ({slot.Property.Path}) are not measured"),
            "library" or "sql" => null,
            _ => Error(slot, $"unknown rule type '{rule.Type}'; the types are library, sql, custom and text"),
        };
        if (slot.Result is not null) return;
        slot.Threshold = Threshold.Parse(rule.Operator, rule.Threshold, out var error);
        if (error is not null) slot.Result = Error(slot, error);
    }

    private async Task PrepareLibraryAsync(Slot slot, TableColumns columns, CancellationToken cancellationToken)
    {
        if (slot.Result is not null) return;
        if (slot.Unit is not ("rows" or "percent"))
        {
            slot.Result = Error(slot, $"unit '{slot.Rule.Unit}' is not supported for library metrics; use rows or percent");
            return;
        }
        string? error;
        try
        {
            slot.Check = LibraryMetric.Build(slot.Rule, obj, slot.Property, columns, slot.Unit, out error);
        }
        catch (DataPlaneException e)
        {
            error = e.Message;
        }
        if (error is not null)
        {
            slot.Result = Error(slot, error);
            return;
        }
        if (LibraryMetric.PatternOf(slot.Rule) is { } pattern)
        {
            // A constant pattern is compiled when the query is bound: a malformed one fails here, alone, not inside a batch.
            try
            {
                await Db.ScalarAsync(connection, $"SELECT regexp_full_match('', {Quote.Literal(pattern)})", cancellationToken);
            }
            catch (DuckDBException e)
            {
                slot.Result = Error(slot, $"malformed pattern '{pattern}': {Db.Message(e)}");
            }
        }
    }

    /// <summary>The library rules, batched by the plan, each batch over one set of rows: the table's, or one array's items.</summary>
    private async Task RunLibraryAsync(CancellationToken cancellationToken)
    {
        foreach (var over in _slots.Where(s => s.Result is null && s.Check is not null).GroupBy(s => s.Check!.From))
        {
            var ready = over.ToList();
            var batches = plan switch
            {
                QualityPlan.PerRule => ready.Select(s => new List<Slot> { s }).ToList(),
                QualityPlan.SingleScan => [ready],
                _ => ready.Where(s => s.Check!.Distinct).Select(s => new List<Slot> { s })
                    .Prepend(ready.Where(s => !s.Check!.Distinct).ToList()).Where(b => b.Count > 0).ToList(),
            };
            foreach (var batch in batches) await RunBatchAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// One query for the batch, with the row (or item) count last, for percents. When it fails, each rule is run alone,
    /// so that only the rule at fault is an error.
    /// </summary>
    private async Task RunBatchAsync(List<Slot> batch, CancellationToken cancellationToken)
    {
        var from = batch[0].Check!.From ?? table;
        var onlyRowCount = batch.All(s => s.Check!.Aggregate == "count(*)");
        var sql = onlyRowCount ? $"SELECT count(*) FROM {from}"
            : $"SELECT {string.Join(", ", batch.Select(s => s.Check!.Aggregate))}, count(*) FROM {from}";
        object?[] row;
        try
        {
            row = await UserSql.RunWithTimeoutAsync(connection, sql, FirstRow, limit, $"the quality query of object '{obj.Name}'", cancellationToken);
        }
        catch (DataPlaneException e) when (e.InnerException is DuckDBException && batch.Count > 1)
        {
            foreach (var slot in batch) await RunBatchAsync([slot], cancellationToken);
            return;
        }
        catch (DataPlaneException e)
        {
            foreach (var slot in batch) slot.Result = Error(slot, e.Message);
            return;
        }
        var rows = Convert.ToDouble(row[^1]);
        for (var i = 0; i < batch.Count; i++)
        {
            var slot = batch[i];
            var count = onlyRowCount ? rows : Convert.ToDouble(row[i]);
            Measured(slot, slot.Check!.Percent ? (rows == 0 ? 0 : count * 100 / rows) : count);
        }
    }

    private async Task RunSqlAsync(Slot slot, TableColumns columns, CancellationToken cancellationToken)
    {
        if (slot.Result is not null) return;
        var query = slot.Rule.Query;
        if (string.IsNullOrWhiteSpace(query))
        {
            slot.Result = Error(slot, "the sql rule has no query");
            return;
        }
        var sql = query.Replace("{object}", table, StringComparison.Ordinal);
        if (sql.Contains("{property}", StringComparison.Ordinal))
        {
            if (slot.Property is null)
            {
                slot.Result = Error(slot, "the query uses {property} but the rule is not declared on a property");
                return;
            }
            if (LibraryMetric.PropertyColumn(obj, slot.Property, columns, out var error) is not { } column)
            {
                slot.Result = Error(slot, error!);
                return;
            }
            sql = sql.Replace("{property}", column, StringComparison.Ordinal);
        }
        try
        {
            Measured(slot, await UserSqlRule.ValueAsync(connection, sql, slot.Rule.Key, limit, cancellationToken));
        }
        catch (DataPlaneException e)
        {
            slot.Result = Error(slot, e.Message);
        }
    }

    private Task<List<string>> ColumnsAsync(CancellationToken cancellationToken) =>
        Db.RunAsync(connection, $"SELECT * FROM {table} LIMIT 0", command =>
        {
            using var reader = command.ExecuteReader();
            return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        }, cancellationToken);

    private static object?[] FirstRow(DuckDBCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException("an aggregate query returned no row");
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    private void Measured(Slot slot, double value) =>
        slot.Result = Result(slot, slot.Threshold!.IsMet(value) ? RuleStatus.Passed : RuleStatus.Failed, value, null);

    private RuleResult NotExecuted(Slot slot, string message) => Result(slot, RuleStatus.NotExecuted, null, message);

    private RuleResult Error(Slot slot, string message) => Result(slot, RuleStatus.Error, null, message);

    /// <summary>A property's name; a nested one's path below the object (<c>address.street</c>).</summary>
    private string? PropertyName(Slot slot) =>
        slot.Property is null ? null : slot.Nested && slot.Property.Path.StartsWith(obj.Name + ".", StringComparison.Ordinal)
            ? slot.Property.Path[(obj.Name.Length + 1)..] : slot.Property.Name;

    private RuleResult Result(Slot slot, RuleStatus status, double? value, string? message)
    {
        var rule = slot.Rule;
        var unit = rule.Type == "library" ? slot.Unit : rule.Unit;
        return new RuleResult(rule.Key, rule.Name, rule.Type, rule.Metric, obj.Name, PropertyName(slot), rule.Dimension, rule.Severity,
            value, unit, rule.Operator, slot.Threshold?.OperandText ?? Threshold.RawText(rule.Threshold), status, message);
    }
}

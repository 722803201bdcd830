using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>One run of <see cref="OnboardingEngine"/>, on its own connection, from the bronze load to the commit.</summary>
internal sealed class OnboardingRunner(
    OnboardingRequest request,
    ContractObject contractObject,
    ISourceReader reader,
    DuckDBConnection connection,
    RunProgress progress,
    DataPlaneOptions options,
    Stopwatch clock)
{
    /// <summary>The prefix of every staging table; a table of that name in a layer schema belongs to a run that is over.</summary>
    public const string StagePrefix = "_stage_";

    /// <summary>Columns the engine adds to bronze and quarantine: a source column of one of these names cannot be loaded.</summary>
    static readonly string[] Reserved = ["_run_id", "_loaded_at", "_row_number", "_reasons", "_line", "_raw"];
    const string DuplicatesTable = "__mp_duplicates";

    readonly string _stage = StagePrefix + request.RunId.ToString("N");
    readonly string _loadedAt = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    bool _inTransaction;
    string? _rejects;

    string Staging(Layer layer) => $"{layer.Schema()}.{_stage}";
    string Published(Layer layer) => layer.TableOf(contractObject.Name);

    public async Task<OnboardingResult> RunAsync(CancellationToken cancellationToken)
    {
        await DropDeadStagingAsync(cancellationToken);
        await SilverPlan.CheckContractAsync(connection, contractObject, cancellationToken);
        var gold = string.IsNullOrWhiteSpace(request.GoldSql)
            ? null
            : await UserSql.EnsureSingleSelectAsync(connection, request.GoldSql, UserSqlScope.Gold, cancellationToken);
        try
        {
            var (read, rejected, sourceColumns) = await BronzeAsync(cancellationToken);
            var (valid, quarantined) = await SilverAsync(sourceColumns, rejected, cancellationToken);
            var goldStaged = request.BeforePublish is not null && await CheckBeforePublishAsync(gold, cancellationToken);
            var goldRows = await PublishAsync(gold, goldStaged, read, cancellationToken);
            progress.Done();
            return new OnboardingResult(read, valid, quarantined, goldRows, clock.Elapsed);
        }
        catch (Exception e)
        {
            await AbandonAsync();
            if (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
                throw new OperationCanceledException("The onboarding run was cancelled.", e, cancellationToken);
            throw;
        }
    }

    /// <summary>The source into bronze staging, with the load metadata; returns rows read (loaded + unparseable), rejected and the source's columns.</summary>
    async Task<(long Read, long Rejected, IReadOnlyList<string> Columns)> BronzeAsync(CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Bronze);
        var bronze = Staging(Layer.Bronze);
        var loaded = await reader.LoadAsync(connection, bronze, request.Source, new Reporter(n => progress.Rows(read: n)), cancellationToken);
        var columns = await Db.ListAsync(connection,
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2 ORDER BY column_index",
            r => r.GetString(0), cancellationToken, Layer.Bronze.Schema(), _stage);
        if (columns.FirstOrDefault(c => Reserved.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } reserved)
            throw new DataPlaneException($"The source has a column named '{reserved}', a name the engine keeps for its own columns ({string.Join(", ", Reserved)}): rename it in the source.");

        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _run_id UUID DEFAULT {Quote.Literal(request.RunId.ToString())}", cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _loaded_at TIMESTAMP DEFAULT TIMESTAMP {Quote.Literal(_loadedAt)}", cancellationToken);
        // Readers fill the table in source order, so the row id is the position in the source (a window function in
        // the load would make DuckDB read the file on one thread).
        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _row_number BIGINT", cancellationToken);
        await Db.ExecuteAsync(connection, $"UPDATE {bronze} SET _row_number = rowid + 1", cancellationToken);

        var rejected = await RejectsAsync(cancellationToken) is { } rejects ? await Db.CountAsync(connection, rejects, cancellationToken) : 0;
        progress.Rows(read: loaded + rejected);
        return (loaded + rejected, rejected, columns);
    }

    /// <summary>The reader's table of unparseable records, when it kept one and it has rows.</summary>
    async Task<string?> RejectsAsync(CancellationToken cancellationToken)
    {
        if (_rejects is not null || reader.RejectsTable(Staging(Layer.Bronze)) is not { } name) return _rejects;
        var exists = await Db.ScalarAsync(connection, $"SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = $1", cancellationToken,
            name.Trim('"').Replace("\"\"", "\"")) is long n && n > 0;
        return _rejects = exists ? name : null;
    }

    /// <summary>
    /// Bronze staging validated into silver and quarantine staging, set-based: one pass builds every row typed with its
    /// reasons (NULL when valid), the quarantine takes the bronze rows that have reasons (plus the later rows of a
    /// duplicated key and the lines the reader could not parse), then silver drops them and its two working columns.
    /// </summary>
    async Task<(long Valid, long Quarantined)> SilverAsync(IReadOnlyList<string> sourceColumns, long rejected, CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Silver);
        var plan = SilverPlan.Build(contractObject, sourceColumns);
        var (bronze, silver, quarantine) = (Staging(Layer.Bronze), Staging(Layer.Silver), Staging(Layer.Quarantine));

        progress.Step(0, 0.75);
        await Db.ExecuteAsync(connection, $"CREATE TABLE {silver} AS {plan.SilverSelect(bronze)}", cancellationToken);

        progress.Step(0.75, 0.85);
        var duplicates = await DuplicatesAsync(plan, silver, cancellationToken);

        progress.Step(0.85, 0.95);
        var rejects = rejected > 0 ? await RejectsAsync(cancellationToken) : null;
        var flagged = $"SELECT {SilverPlan.RowColumn}, {SilverPlan.ReasonsColumn} FROM {silver} WHERE {SilverPlan.ReasonsColumn} IS NOT NULL";
        var reasons = duplicates
            ? $"SELECT coalesce(s.{SilverPlan.RowColumn}, d.row) AS row, concat_ws('; ', s.{SilverPlan.ReasonsColumn}, d.reason) AS reasons FROM ({flagged}) s FULL JOIN {DuplicatesTable} d ON d.row = s.{SilverPlan.RowColumn}"
            : $"SELECT {SilverPlan.RowColumn} AS row, {SilverPlan.ReasonsColumn} AS reasons FROM ({flagged})";
        var quarantined = $"SELECT b.*, q.reasons AS _reasons{(rejects is null ? "" : ", CAST(NULL AS BIGINT) AS _line, CAST(NULL AS VARCHAR) AS _raw")} FROM {bronze} b JOIN ({reasons}) q ON q.row = b._row_number";
        if (rejects is not null)
            quarantined += $" UNION ALL BY NAME SELECT CAST({Quote.Literal(request.RunId.ToString())} AS UUID) AS _run_id, TIMESTAMP {Quote.Literal(_loadedAt)} AS _loaded_at, reason AS _reasons, line AS _line, raw AS _raw FROM {rejects}";
        await Db.ExecuteAsync(connection, $"CREATE TABLE {quarantine} AS {quarantined} ORDER BY _row_number NULLS LAST{(rejects is null ? "" : ", _line")}", cancellationToken);

        progress.Step(0.95, 1);
        await Db.ExecuteAsync(connection, $"DELETE FROM {silver} WHERE {SilverPlan.ReasonsColumn} IS NOT NULL"
            + (duplicates ? $" OR {SilverPlan.RowColumn} IN (SELECT row FROM {DuplicatesTable})" : ""), cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {silver} DROP COLUMN {SilverPlan.ReasonsColumn}", cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {silver} DROP COLUMN {SilverPlan.RowColumn}", cancellationToken);

        var valid = await Db.CountAsync(connection, silver, cancellationToken);
        var quarantinedRows = await Db.CountAsync(connection, quarantine, cancellationToken);
        progress.Rows(valid: valid, quarantined: quarantinedRows);
        return (valid, quarantinedRows);
    }

    /// <summary>Finds the duplicated keys (one aggregate per key) and, when there are any, the later rows that repeat them.</summary>
    async Task<bool> DuplicatesAsync(SilverPlan plan, string silver, CancellationToken cancellationToken)
    {
        var repeated = new List<int>();
        for (var key = 0; key < plan.Keys.Count; key++)
        {
            await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP TABLE __mp_keys_{key} AS {plan.DuplicateKeysSelect(key, silver)}", cancellationToken);
            if (await Db.CountAsync(connection, $"__mp_keys_{key}", cancellationToken) > 0) repeated.Add(key);
        }
        if (repeated.Count == 0) return false;
        var rows = string.Join(" UNION ALL ", repeated.Select(key => plan.DuplicateRowsSelect(key, silver, $"__mp_keys_{key}")));
        await Db.ExecuteAsync(connection,
            $"CREATE OR REPLACE TEMP TABLE {DuplicatesTable} AS SELECT row, string_agg(reason, '; ' ORDER BY key) AS reason FROM ({rows}) GROUP BY row", cancellationToken);
        return true;
    }

    /// <summary>
    /// The caller's check of the new data (<see cref="OnboardingRequest.BeforePublish"/>), on the table the quantum will
    /// serve: the object's gold, built here under its staging name when there is a gold query, else its staging silver.
    /// Returns whether gold was staged; a refusal fails the run before anything is published.
    /// </summary>
    async Task<bool> CheckBeforePublishAsync(string? gold, CancellationToken cancellationToken)
    {
        if (gold is not null) await StageGoldAsync(gold, cancellationToken);
        var served = Staging(gold is null ? Layer.Silver : Layer.Gold);
        string? TableOf(string name) => string.Equals(name, contractObject.Name, StringComparison.OrdinalIgnoreCase) ? served : null;
        var refusal = await request.BeforePublish!(connection, TableOf, cancellationToken);
        if (refusal is not null) throw new DataPlaneException(refusal);
        return gold is not null;
    }

    /// <summary>
    /// Builds the object's gold under its staging name from the new silver. The gold query reads the validated rows as
    /// <c>silver</c> or <c>silver."object"</c>, so for the length of one transaction the new silver takes the published
    /// name (the published table steps aside) and both then go back: readers never see the swap, only the staging gold stays.
    /// </summary>
    async Task StageGoldAsync(string gold, CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Gold);
        var aside = "_aside_" + request.RunId.ToString("N");
        var published = await Db.ScalarAsync(connection,
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2",
            cancellationToken, Layer.Silver.Schema(), contractObject.Name) is long n && n > 0;
        await Db.ExecuteAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        _inTransaction = true;
        if (published) await Db.ExecuteAsync(connection, $"ALTER TABLE {Published(Layer.Silver)} RENAME TO {Quote.Identifier(aside)}", cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {Staging(Layer.Silver)} RENAME TO {Quote.Identifier(contractObject.Name)}", cancellationToken);
        await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP VIEW silver AS SELECT * FROM {Published(Layer.Silver)}", cancellationToken);
        await UserSql.RunWithTimeoutAsync(connection, $"CREATE TABLE {Staging(Layer.Gold)} AS\n{gold}\n", c => c.ExecuteNonQuery(),
            options.UserSqlTimeout, UserSqlScope.Gold.What, cancellationToken);
        await Db.ExecuteAsync(connection, "DROP VIEW silver", cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {Published(Layer.Silver)} RENAME TO {Quote.Identifier(_stage)}", cancellationToken);
        if (published) await Db.ExecuteAsync(connection, $"ALTER TABLE {Quote.Table(Layer.Silver.Schema(), aside)} RENAME TO {Quote.Identifier(contractObject.Name)}", cancellationToken);
        await Db.ExecuteAsync(connection, "COMMIT", cancellationToken);
        _inTransaction = false;
    }

    /// <summary>
    /// One transaction: the staging tables replace the published ones, gold is built from the new silver (or was staged
    /// already, for the check before publishing), meta.loads records the run. Until the commit, other connections see the
    /// previous tables; nothing of it survives a rollback.
    /// </summary>
    async Task<long?> PublishAsync(string? gold, bool goldStaged, long rowsRead, CancellationToken cancellationToken)
    {
        progress.Enter(gold is null || goldStaged ? OnboardingPhase.Publishing : OnboardingPhase.Gold);
        await Db.ExecuteAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        _inTransaction = true;
        var counts = new Dictionary<Layer, long>();
        foreach (var layer in goldStaged ? [Layer.Bronze, Layer.Silver, Layer.Quarantine, Layer.Gold] : new[] { Layer.Bronze, Layer.Silver, Layer.Quarantine })
        {
            counts[layer] = await Db.CountAsync(connection, Staging(layer), cancellationToken);
            await Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Published(layer)}", cancellationToken);
            await Db.ExecuteAsync(connection, $"ALTER TABLE {Staging(layer)} RENAME TO {Quote.Identifier(contractObject.Name)}", cancellationToken);
        }
        long? goldRows = goldStaged ? counts[Layer.Gold] : null;
        if (!goldStaged) await Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Published(Layer.Gold)}", cancellationToken);
        if (gold is not null && !goldStaged)
        {
            await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP VIEW silver AS SELECT * FROM {Published(Layer.Silver)}", cancellationToken);
            await UserSql.RunWithTimeoutAsync(connection, $"CREATE TABLE {Published(Layer.Gold)} AS\n{gold}\n", c => c.ExecuteNonQuery(),
                options.UserSqlTimeout, UserSqlScope.Gold.What, cancellationToken);
            await Db.ExecuteAsync(connection, "DROP VIEW silver", cancellationToken);
            counts[Layer.Gold] = (goldRows = await Db.CountAsync(connection, Published(Layer.Gold), cancellationToken)).Value;
            progress.Enter(OnboardingPhase.Publishing);
        }
        var (source, duration) = (SourceText.Describe(request.Source), (long)clock.Elapsed.TotalMilliseconds);
        foreach (var (layer, rows) in counts)
            await Db.ExecuteAsync(connection, MetaLoads.Insert, cancellationToken, layer.Schema(), contractObject.Name, rows, request.RunId,
                _loadedAt, request.Contract.Id, request.Contract.Version, source, rowsRead, duration);
        // Past this point the run is published: the commit is not interrupted.
        await Db.ExecuteAsync(connection, "COMMIT", CancellationToken.None);
        _inTransaction = false;
        try
        {
            // Gives the space of the replaced tables back to the file; a busy database does it at a later checkpoint.
            await Db.ExecuteAsync(connection, "CHECKPOINT", CancellationToken.None);
        }
        catch (DuckDBException)
        {
        }
        return goldRows;
    }

    /// <summary>After a failure or a cancellation: the transaction rolled back and this run's staging tables dropped.</summary>
    async Task AbandonAsync()
    {
        try
        {
            if (_inTransaction) await Db.ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            _inTransaction = false;
            foreach (var layer in LayerNames.All) await Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Staging(layer)}", CancellationToken.None);
        }
        catch (Exception)
        {
            // A broken connection cannot clean up: the next run of the quantum drops what is left.
        }
    }

    /// <summary>Staging tables left by a run that died (killed process, power loss): no run of this quantum is under way now.</summary>
    async Task DropDeadStagingAsync(CancellationToken cancellationToken)
    {
        var dead = await Db.ListAsync(connection,
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND starts_with(table_name, $1)",
            r => (Schema: r.GetString(0), Table: r.GetString(1)), cancellationToken, StagePrefix);
        foreach (var (schema, table) in dead.Where(d => LayerNames.Parse(d.Schema) is not null))
            await Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Quote.Table(schema, table)}", cancellationToken);
    }

    sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

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
    QuantumStorage storage,
    DataPlaneOptions options,
    Stopwatch clock)
{
    /// <summary>The prefix of every staging table; a table of that name in a layer schema belongs to a run that is over.</summary>
    public const string StagePrefix = "_stage_";

    /// <summary>Columns the engine adds to bronze and quarantine: a source column of one of these names cannot be loaded.</summary>
    static readonly string[] Reserved = ["_run_id", "_loaded_at", "_row_number", "_reasons", "_line", "_raw"];
    const string DuplicatesTable = "__mp_duplicates";
    const string QuarantinedTable = "__mp_quarantined";

    readonly string _stage = StagePrefix + request.RunId.ToString("N");
    readonly string _loadedAt = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    bool _inTransaction;
    string? _rejects;
    KeptFile? _kept;
    long _loaded;

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
            var bronze = reader is FileReader file ? await KeepFileAsync(file, cancellationToken) : await LoadTableAsync(cancellationToken);
            var (read, valid, quarantined) = await SilverAsync(bronze, cancellationToken);
            var goldStaged = request.BeforePublish is not null && await CheckBeforePublishAsync(gold, cancellationToken);
            var goldRows = await PublishAsync(gold, goldStaged, bronze, read, cancellationToken);
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

    /// <summary>
    /// Bronze as this run staged it. <see cref="From"/> is what silver reads: the source's <see cref="Columns"/> in source
    /// order. A source copied into a table has its <see cref="Table"/> (numbered by <c>_row_number</c>); a file kept as
    /// bronze has its <see cref="Scan"/> and <see cref="Path"/>, and becomes a view once the run has read it.
    /// </summary>
    sealed record StagedBronze(string From, IReadOnlyList<string> Columns, string? Table, FileScan? Scan, string? Path)
    {
        public bool IsView => Scan is not null;
    }

    /// <summary>
    /// A file source: silver reads the file itself, once and in parallel, and so does the quarantine for its few rows;
    /// meanwhile the file is kept in the quantum's folder (linked, or copied once silver's pass is over), and bronze is
    /// then staged as a view over the kept file (<see cref="StageBronzeViewAsync"/>). Nothing of the file is copied into
    /// the database.
    /// </summary>
    async Task<StagedBronze> KeepFileAsync(FileReader file, CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Bronze);
        var source = file.CheckedPath(request.Source);
        var name = BronzeFiles.FileName(request.RunId, file.Format);
        _kept = KeptFile.Prepare(source, Path.Combine(storage.BronzeDirectory(request.QuantumId), name), storage.FilesDirectory(request.QuantumId));
        var scan = await file.ScanAsync(connection, source, Staging(Layer.Bronze), cancellationToken);
        CheckReserved(scan.Columns);
        return new StagedBronze($"({scan.Select})", scan.Columns, null, scan, source);
    }

    /// <summary>
    /// Once the kept file is complete, and the source did not change while the run read it: the bronze staging view, the
    /// kept file's rows with the load metadata and their number in the file (<c>row_number()</c> in file order, for which
    /// DuckDB reads the file on one thread: readers of bronze pay for it, onboarding does not).
    /// </summary>
    async Task StageBronzeViewAsync(FileScan scan, CancellationToken cancellationToken)
    {
        await _kept!.CompleteAsync();
        var kept = scan.Reread(QuantumStorage.BronzeSqlPath(Path.GetFileName(_kept.Path)));
        await Db.ExecuteAsync(connection, $"CREATE VIEW {Staging(Layer.Bronze)} AS SELECT *, {LoadMetadata}, row_number() OVER () AS _row_number FROM ({kept})",
            cancellationToken);
    }

    string LoadMetadata => $"CAST({Quote.Literal(request.RunId.ToString())} AS UUID) AS _run_id, TIMESTAMP {Quote.Literal(_loadedAt)} AS _loaded_at";

    /// <summary>Any other source: the reader copies it into the bronze staging table, which gets the load metadata.</summary>
    async Task<StagedBronze> LoadTableAsync(CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Bronze);
        var bronze = Staging(Layer.Bronze);
        var loaded = await reader.LoadAsync(connection, bronze, request.Source, new Reporter(n => progress.Rows(read: n)), cancellationToken);
        var columns = await Db.ListAsync(connection,
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2 ORDER BY column_index",
            r => r.GetString(0), cancellationToken, Layer.Bronze.Schema(), _stage);
        CheckReserved(columns);

        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _run_id UUID DEFAULT {Quote.Literal(request.RunId.ToString())}", cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _loaded_at TIMESTAMP DEFAULT TIMESTAMP {Quote.Literal(_loadedAt)}", cancellationToken);
        // Readers fill the table in source order, so the row id is the position in the source.
        await Db.ExecuteAsync(connection, $"ALTER TABLE {bronze} ADD COLUMN _row_number BIGINT", cancellationToken);
        await Db.ExecuteAsync(connection, $"UPDATE {bronze} SET _row_number = rowid + 1", cancellationToken);
        progress.Rows(read: loaded);
        return new StagedBronze(bronze, columns, bronze, null, null);
    }

    static void CheckReserved(IReadOnlyList<string> columns)
    {
        if (columns.FirstOrDefault(c => Reserved.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } reserved)
            throw new DataPlaneException($"The source has a column named '{reserved}', a name the engine keeps for its own columns ({string.Join(", ", Reserved)}): rename it in the source.");
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
    /// Bronze validated into silver and quarantine staging, set-based: one pass over the source builds every row typed
    /// with its reasons (NULL when valid); the quarantine takes the bronze rows that have reasons, by row number (plus the
    /// later rows of a duplicated key and the lines the reader could not parse), then silver drops them and its working
    /// columns (the reasons; the hash of a file read). The staging silver keeps the source's order, so a row's number in
    /// the source is its rowid + 1 there.
    /// Returns the rows read (loaded + unparseable), valid and quarantined.
    /// </summary>
    async Task<(long Read, long Valid, long Quarantined)> SilverAsync(StagedBronze bronze, CancellationToken cancellationToken)
    {
        progress.Enter(OnboardingPhase.Silver);
        var plan = SilverPlan.Build(contractObject, bronze.Columns);
        var (silver, quarantine) = (Staging(Layer.Silver), Staging(Layer.Quarantine));

        progress.Step(0, 0.75);
        // While the pass reads a file, rows read follow it as an estimate; a bronze table's rows are counted already.
        if (bronze.Scan is { EstimatedRows: { } expected }) progress.ExpectRows(expected);
        try
        {
            await Db.ExecuteAsync(connection, $"CREATE TABLE {silver} AS {plan.SilverSelect(bronze.From, withHash: bronze.IsView)}", cancellationToken);
        }
        catch (DuckDBException e) when (bronze.Scan is not null && !cancellationToken.IsCancellationRequested)
        {
            throw await bronze.Scan.ExplainAsync(e, cancellationToken);
        }
        finally
        {
            progress.ExpectRows(null);
        }
        _loaded = await Db.CountAsync(connection, silver, cancellationToken);
        long rejected;
        if (bronze.Scan is { } scan)
        {
            rejected = await scan.FinishAsync(connection, _loaded, cancellationToken);
            // Not sooner: the copy's writes would slow the main pass down by more than the steps it now overlaps with.
            _kept!.BeginCopy();
        }
        else
        {
            rejected = await RejectsAsync(cancellationToken) is { } table ? await Db.CountAsync(connection, table, cancellationToken) : 0;
        }
        progress.Rows(read: _loaded + rejected);

        progress.Step(0.75, 0.8);
        var duplicates = await DuplicatesAsync(plan, silver, cancellationToken);

        progress.Step(0.8, 0.97);
        var rejects = rejected > 0 ? await RejectsAsync(cancellationToken) : null;
        var flagged = $"SELECT rowid + 1 AS row, {SilverPlan.ReasonsColumn} AS reasons FROM {silver} WHERE {SilverPlan.ReasonsColumn} IS NOT NULL";
        var reasons = duplicates
            ? $"SELECT coalesce(s.row, d.row) AS row, concat_ws('; ', s.reasons, d.reason) AS reasons FROM ({flagged}) s FULL JOIN {DuplicatesTable} d ON d.row = s.row"
            : flagged;
        await Db.ExecuteAsync(connection, $"CREATE OR REPLACE TEMP TABLE {QuarantinedTable} AS {reasons}", cancellationToken);
        var quarantined = bronze.IsView ? await RowsFromFileAsync(plan, bronze, silver, cancellationToken) : RowsFromTable(bronze.Table!);
        if (rejects is not null)
            quarantined = $"SELECT *, CAST(NULL AS BIGINT) AS _line, CAST(NULL AS VARCHAR) AS _raw FROM ({quarantined})"
                          + $" UNION ALL BY NAME SELECT {LoadMetadata}, reason AS _reasons, line AS _line, raw AS _raw FROM {rejects}";
        await WithoutBuildSideChoiceAsync(() => Db.ExecuteAsync(connection,
            $"CREATE TABLE {quarantine} AS {quarantined} ORDER BY _row_number NULLS LAST{(rejects is null ? "" : ", _line")}", cancellationToken));
        if (bronze.Scan is not null) await StageBronzeViewAsync(bronze.Scan, cancellationToken);

        progress.Step(0.97, 1);
        await Db.ExecuteAsync(connection, $"DELETE FROM {silver} WHERE {SilverPlan.ReasonsColumn} IS NOT NULL"
            + (duplicates ? $" OR rowid + 1 IN (SELECT row FROM {DuplicatesTable})" : ""), cancellationToken);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {silver} DROP COLUMN {SilverPlan.ReasonsColumn}", cancellationToken);
        if (bronze.IsView) await Db.ExecuteAsync(connection, $"ALTER TABLE {silver} DROP COLUMN {SilverPlan.HashColumn}", cancellationToken);

        var valid = await Db.CountAsync(connection, silver, cancellationToken);
        var quarantinedRows = await Db.CountAsync(connection, quarantine, cancellationToken);
        progress.Rows(valid: valid, quarantined: quarantinedRows);
        return (_loaded + rejected, valid, quarantinedRows);
    }

    /// <summary>The quarantined rows (<see cref="QuarantinedTable"/>) as ingested, from a bronze table: by row number.</summary>
    string RowsFromTable(string table) =>
        $"SELECT b.*, q.reasons AS _reasons FROM {table} b JOIN {QuarantinedTable} q ON q.row = b._row_number";

    /// <summary>
    /// The quarantined rows (<see cref="QuarantinedTable"/>) as ingested, from the file: by the hash silver kept of each
    /// row's values, in one more parallel read of the file (numbering the file's rows would read it on one thread).
    /// Rows of the same hash hold the same values, so any one of them is the row. Hashing every row's values is most of
    /// that read's cost (2.6 s of 3.6 s on the benchmark's file), so when the contract has a text property — whose silver
    /// value is the text as read — only the rows holding one of the quarantined rows' values of it are hashed (2.1 s).
    /// </summary>
    async Task<string> RowsFromFileAsync(SilverPlan plan, StagedBronze bronze, string silver, CancellationToken cancellationToken)
    {
        var text = plan.Columns.FirstOrDefault(c => c.Type.IsText && c.Source is not null);
        // chr(1) stands for null, which IN would not match; a text holding it only lets one more row through to the hash test.
        string Value(string column) => $"coalesce({column}, chr(1))";
        await WithoutBuildSideChoiceAsync(() => Db.ExecuteAsync(connection,
            $"CREATE OR REPLACE TEMP TABLE __mp_hashes AS SELECT rowid + 1 AS row, {SilverPlan.HashColumn} AS h"
            + (text is null ? "" : $", {Value(Quote.Identifier(text.Name))} AS v") + $" FROM {silver} WHERE rowid + 1 IN (SELECT row FROM {QuarantinedTable})",
            cancellationToken));
        var values = string.Join(", ", bronze.Columns.Select(c => "r." + Quote.Identifier(c)));
        var candidates = text is null ? "" : $" WHERE {Value("b." + Quote.Identifier(text.Source!))} IN (SELECT v FROM __mp_hashes)";
        var file = $"SELECT DISTINCT ON (h) * FROM (SELECT b.*, {plan.RowHash("b")} AS h FROM ({bronze.Scan!.Reread(bronze.Path!)}) b{candidates}) WHERE h IN (SELECT h FROM __mp_hashes)";
        return $"SELECT {values}, {LoadMetadata}, q.row AS _row_number, q.reasons AS _reasons FROM {QuarantinedTable} q JOIN __mp_hashes x ON x.row = q.row JOIN ({file}) r ON r.h = x.h";
    }

    /// <summary>
    /// Runs a statement that joins a few rows to a large read with DuckDB's choice of build side switched off: it misjudges
    /// the size of a file read and would build its hash table from the whole file (3× slower on the benchmark's file)
    /// instead of the few rows. The setting is the quantum's DuckDB instance's, restored after the statement.
    /// </summary>
    async Task WithoutBuildSideChoiceAsync(Func<Task> statement)
    {
        await Db.ExecuteAsync(connection, "SET disabled_optimizers = 'build_side_probe_side'", CancellationToken.None);
        try
        {
            await statement();
        }
        finally
        {
            await Db.ExecuteAsync(connection, "RESET disabled_optimizers", CancellationToken.None);
        }
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
    async Task<long?> PublishAsync(string? gold, bool goldStaged, StagedBronze bronze, long rowsRead, CancellationToken cancellationToken)
    {
        progress.Enter(gold is null || goldStaged ? OnboardingPhase.Publishing : OnboardingPhase.Gold);
        await Db.ExecuteAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        _inTransaction = true;
        var counts = new Dictionary<Layer, long>();
        foreach (var layer in goldStaged ? [Layer.Bronze, Layer.Silver, Layer.Quarantine, Layer.Gold] : new[] { Layer.Bronze, Layer.Silver, Layer.Quarantine })
        {
            // Bronze's rows are the rows silver read: counting a view would read the whole file again.
            counts[layer] = layer == Layer.Bronze ? _loaded : await Db.CountAsync(connection, Staging(layer), cancellationToken);
            await DropPublishedAsync(layer, cancellationToken);
            var kind = layer == Layer.Bronze && bronze.IsView ? "VIEW" : "TABLE";
            await Db.ExecuteAsync(connection, $"ALTER {kind} {Staging(layer)} RENAME TO {Quote.Identifier(contractObject.Name)}", cancellationToken);
        }
        long? goldRows = goldStaged ? counts[Layer.Gold] : null;
        if (!goldStaged) await DropPublishedAsync(Layer.Gold, cancellationToken);
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
            await RemoveUnpublishedFilesAsync(CancellationToken.None);
        }
        catch (DuckDBException)
        {
        }
        return goldRows;
    }

    /// <summary>Drops the object's published table of a layer, or its view (bronze kept as a file).</summary>
    Task DropPublishedAsync(Layer layer, CancellationToken cancellationToken) => DropAsync(layer.Schema(), contractObject.Name, cancellationToken);

    /// <summary>Drops a table or a view (DuckDB's DROP names which one it is).</summary>
    async Task DropAsync(string schema, string name, CancellationToken cancellationToken)
    {
        var isView = await Db.ScalarAsync(connection,
            "SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() AND schema_name = $1 AND lower(view_name) = lower($2)",
            cancellationToken, schema, name) is long n && n > 0;
        await Db.ExecuteAsync(connection, $"DROP {(isView ? "VIEW" : "TABLE")} IF EXISTS {Quote.Table(schema, name)}", cancellationToken);
    }

    /// <summary>Deletes the kept bronze files that no published bronze view reads (runs that failed, died or were replaced).</summary>
    async Task RemoveUnpublishedFilesAsync(CancellationToken cancellationToken)
    {
        var published = await Db.ListAsync(connection, $"SELECT run_id FROM ({MetaLoads.Published}) WHERE layer = 'bronze'", r => r.GetGuid(0), cancellationToken);
        BronzeFiles.RemoveAllBut(storage.BronzeDirectory(request.QuantumId), published.ToHashSet());
    }

    /// <summary>After a failure or a cancellation: the transaction rolled back, this run's staging tables dropped and its kept file deleted.</summary>
    async Task AbandonAsync()
    {
        try
        {
            if (_inTransaction) await Db.ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            _inTransaction = false;
            await DropStagingAsync(LayerNames.All.Select(l => (l.Schema(), _stage)), CancellationToken.None);
        }
        catch (Exception)
        {
            // A broken connection cannot clean up: the next run of the quantum drops what is left.
        }
        if (_kept is not null) await _kept.DeleteAsync();
    }

    /// <summary>
    /// Staging tables and views, and kept files, left by a run that died (killed process, power loss): no run of this
    /// quantum is under way now.
    /// </summary>
    async Task DropDeadStagingAsync(CancellationToken cancellationToken)
    {
        var dead = await Db.ListAsync(connection,
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND starts_with(table_name, $1)"
            + " UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT temporary AND starts_with(view_name, $1)",
            r => (r.GetString(0), r.GetString(1)), cancellationToken, StagePrefix);
        await DropStagingAsync(dead.Where(d => LayerNames.Parse(d.Item1) is not null), cancellationToken);
        await RemoveUnpublishedFilesAsync(cancellationToken);
    }

    async Task DropStagingAsync(IEnumerable<(string Schema, string Name)> staging, CancellationToken cancellationToken)
    {
        foreach (var (schema, name) in staging) await DropAsync(schema, name, cancellationToken);
    }

    sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

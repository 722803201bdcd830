using Hangfire;
using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Sources;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>
/// The Hangfire job of one onboarding run. It takes the run's id, reloads everything, claims the run (queued → running)
/// so it runs once whatever Hangfire does, and always leaves the run finished: succeeded, failed with a reason a user can
/// act on, or cancelled. Never retried: a rerun is the user's decision, and the published data is unchanged by a failure.
/// </summary>
public sealed class OnboardingJob(
    IDbContextFactory<MeshDbContext> factory,
    OnboardingEngine engine,
    SourceConnections connections,
    DataPlaneOptions options,
    OnboardingService onboarding,
    QuantumDataReader reader,
    QualityService quality,
    QualityGate gate,
    TimeProvider clock,
    ILogger<OnboardingJob> logger)
{
    public const string InternalError = "internal error, see the server log; the published data is unchanged";
    public const string Interrupted = "interrupted: the server stopped during the run; the published data is unchanged — run it again";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken shutdown)
    {
        var started = clock.GetUtcNow();
        await using (var db = await factory.CreateDbContextAsync(shutdown))
        {
            var claimed = await db.OnboardingRuns.Where(r => r.Id == runId && r.Status == RunStatus.Queued && !r.CancelRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedAt, started)
                    .SetProperty(r => r.HeartbeatAt, started).SetProperty(r => r.Phase, "bronze"), shutdown);
            if (claimed == 0)
            {
                logger.LogInformation("Onboarding run {RunId} is no longer queued; nothing to do", runId);
                return;
            }
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var monitor = new RunMonitor(factory, runId, clock, cancel, logger);
        monitor.Start();
        try
        {
            var request = await BuildRequestAsync(runId, cancel.Token);
            var result = await engine.RunAsync(request, monitor, cancel.Token);
            await monitor.DisposeAsync();
            await FinishAsync(runId, RunStatus.Succeeded, null, result);
            logger.LogInformation("Onboarding run {RunId}: {Read} read, {Valid} valid, {Quarantined} quarantined in {Duration}",
                runId, result.RowsRead, result.RowsValid, result.RowsQuarantined, result.Duration);
            await CheckQualityAsync(request.QuantumId, runId);
        }
        catch (OperationCanceledException) when (monitor.CancelRequested)
        {
            await monitor.DisposeAsync();
            await FinishAsync(runId, RunStatus.Cancelled, "Cancelled while running; the published data is unchanged.", null);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await monitor.DisposeAsync();
            await FinishAsync(runId, RunStatus.Failed, Interrupted, null);
        }
        catch (DataPlaneException e)
        {
            await monitor.DisposeAsync();
            await FinishAsync(runId, RunStatus.Failed, e.Message, null);
            logger.LogInformation("Onboarding run {RunId} failed: {Reason}", runId, e.Message);
        }
        catch (Exception e)
        {
            await monitor.DisposeAsync();
            logger.LogError(e, "Onboarding run {RunId} failed with an unexpected error", runId);
            await FinishAsync(runId, RunStatus.Failed, InternalError, null);
        }
    }

    /// <summary>The recurring job of a quantum's schedule: queues a run of its scheduled source (skipped while one is under way).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(Guid quantumId, CancellationToken ct)
    {
        var result = await onboarding.StartScheduledAsync(quantumId, ct);
        if (!result.Succeeded) logger.LogInformation("Scheduled onboarding of quantum {QuantumId} skipped: {Reason}", quantumId, result.Message);
    }

    /// <summary>New data is published: a quality run checks it (when one is already under way, that run queues this one as it ends).</summary>
    private async Task CheckQualityAsync(Guid quantumId, Guid runId)
    {
        try
        {
            var started = await quality.StartAfterOnboardingAsync(quantumId, runId);
            if (!started.Succeeded) logger.LogInformation("No quality run after onboarding run {RunId} yet: {Reason}", runId, started.Message);
        }
        catch (Exception e)
        {
            // The data is published either way; the next schedule or click checks it.
            logger.LogError(e, "Could not queue the quality run after onboarding run {RunId}", runId);
        }
    }

    private async Task FinishAsync(Guid runId, RunStatus status, string? error, OnboardingResult? result)
    {
        var now = clock.GetUtcNow();
        if (error is { Length: > 2000 }) error = error[..2000];
        await using var db = await factory.CreateDbContextAsync();
        var run = db.OnboardingRuns.Where(r => r.Id == runId && r.Status == RunStatus.Running);
        if (result is null)
        {
            await run.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedAt, now).SetProperty(r => r.HeartbeatAt, now));
            return;
        }
        await run.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, now).SetProperty(r => r.HeartbeatAt, now)
            .SetProperty(r => r.Phase, "done").SetProperty(r => r.Progress, 1.0)
            .SetProperty(r => r.RowsRead, result.RowsRead).SetProperty(r => r.RowsReadEstimated, false).SetProperty(r => r.RowsValid, result.RowsValid)
            .SetProperty(r => r.RowsQuarantined, result.RowsQuarantined).SetProperty(r => r.GoldRows, result.GoldRows));
    }

    private async Task<OnboardingRequest> BuildRequestAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.OnboardingRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
        var source = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == run.SourceId, ct)
                     ?? throw new DataPlaneException("The source of this run was deleted before it started.");
        var contract = await OnboardingTargets.LoadContractAsync(db, run.ContractId, run.ContractVersion, ct)
                       ?? throw new DataPlaneException($"Contract {run.ContractId}@{run.ContractVersion} no longer exists.");
        if (contract.Objects.All(o => o.Name != run.ObjectName))
            throw new DataPlaneException($"Contract {run.ContractId}@{run.ContractVersion} has no object '{run.ObjectName}'.");
        var settings = await db.OnboardingSettings.AsNoTracking().Where(s => s.QuantumId == run.QuantumId)
            .Select(s => new { s.GoldSql, s.BlockPublishOnQualityFailure }).FirstOrDefaultAsync(ct);
        var gold = settings?.GoldSql;
        var spec = await SpecAsync(db, source, ct);
        return new OnboardingRequest(run.QuantumId, run.Id, spec, contract, run.ObjectName, string.IsNullOrWhiteSpace(gold) ? null : gold)
        {
            // Block publishing on failure: the new data's quality is checked before it replaces what is served.
            BeforePublish = settings?.BlockPublishOnQualityFailure == true
                ? (connection, tableOf, token) => gate.CheckAsync(run.QuantumId, run.Id, contract, run.ObjectName, connection, tableOf, token)
                : null,
        };
    }

    /// <summary>Where to read from, resolved now: files checked again, the connection decrypted only for the run.</summary>
    private async Task<SourceSpec> SpecAsync(MeshDbContext db, DataSource source, CancellationToken ct)
    {
        switch (source.Kind)
        {
            case SourceKind.Upload:
                if (source.FilePath is null || !File.Exists(source.FilePath))
                    throw new DataPlaneException($"The uploaded file '{source.OriginalFileName}' is no longer on the server: upload it again.");
                return new FileSource(source.FilePath, SourceFiles.ToFileFormat(source.Format));
            case SourceKind.ServerFile:
                if (options.AllowedFileRoot is null)
                    throw new DataPlaneException("Reading files from the server has been switched off (MeshPortal:DataPlane:AllowedFileRoot is not set).");
                // Checked again: a link under the root may have been changed to point elsewhere since the source was added.
                var (path, error) = SourceFiles.ResolveUnderRoot(options.AllowedFileRoot, source.FilePath ?? "");
                if (error is not null) throw new DataPlaneException(error);
                return new FileSource(path!, SourceFiles.ToFileFormat(source.Format));
            case SourceKind.Composition:
                return await CompositionAsync(db, source, ct);
            default:
                var connection = connections.Unprotect(source.ProtectedConnection)
                                 ?? throw new DataPlaneException($"The stored connection of source '{source.Name}' cannot be decrypted (the server's keys changed): delete the source and add it again.");
                // An SQLite file is checked again, like server files: a link under the root may point elsewhere by now.
                if (source.Kind == SourceKind.Sqlite && connections.Validate(source.Kind, connection) is { } invalid) throw new DataPlaneException(invalid);
                return new RelationalSource(SourceConnections.ToRelationalKind(source.Kind), connection, source.Query ?? "");
        }
    }

    /// <summary>
    /// Each input port of kind quantum becomes the table input."&lt;port&gt;": the producer's published rows of the first object
    /// of the contract version the port relies on (pinned when it was bound) that the producer has published — the first
    /// object when it has published none, so the engine says so — checked against that version by the engine.
    /// </summary>
    private async Task<SourceSpec> CompositionAsync(MeshDbContext db, DataSource source, CancellationToken ct)
    {
        var ports = await db.Ports.AsNoTracking()
            .Where(p => p.QuantumId == source.QuantumId && p.Direction == PortDirection.Input && p.Kind == "quantum" && p.UpstreamQuantumId != null)
            .ToListAsync(ct);
        if (ports.Count == 0) throw new DataPlaneException("The quantum has no input port of kind quantum any more, so the composition has nothing to read.");
        var inputs = new Dictionary<string, QuantumInput>(StringComparer.Ordinal);
        foreach (var port in ports.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (port.ContractId is null || port.ContractVersion is null)
                throw new DataPlaneException($"Input port '{port.Name}' does not rely on a contract version yet: bind it to the version it reads.");
            var contract = await OnboardingTargets.LoadContractAsync(db, port.ContractId, port.ContractVersion, ct)
                           ?? throw new DataPlaneException($"Input port '{port.Name}' relies on {port.ContractId}@{port.ContractVersion}, which does not exist.");
            var published = (await reader.LayersAsync(port.UpstreamQuantumId!.Value, ct)).Select(t => t.ObjectName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var first = contract.Objects.FirstOrDefault(o => published.Contains(o.Name)) ?? contract.Objects.FirstOrDefault()
                        ?? throw new DataPlaneException($"Contract {port.ContractId}@{port.ContractVersion} (input port '{port.Name}') has no schema object.");
            var producer = await db.Quanta.AsNoTracking().Where(q => q.Id == port.UpstreamQuantumId)
                .Select(q => q.Domain!.Slug + "/" + q.Slug).FirstOrDefaultAsync(ct);
            inputs[port.Name] = new QuantumInput(port.UpstreamQuantumId!.Value, first.Name, port.ContractId, port.ContractVersion, producer);
        }
        return new CompositionSource(inputs, source.Query ?? "");
    }
}

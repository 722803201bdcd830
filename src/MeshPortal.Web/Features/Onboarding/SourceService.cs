using MeshPortal.DataPlane;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>An upload refused for its size; the API answers 413 for it.</summary>
public sealed record UploadTooLarge(long LimitBytes);

/// <summary>
/// A quantum's sources: uploads, files on the server, relational connections and compositions of other quanta. Every
/// write checks that the caller may edit the quantum. Field errors are keyed name, file, path, kind, connection, query,
/// outputPort and object.
/// </summary>
public sealed class SourceService(
    IDbContextFactory<MeshDbContext> factory,
    DataPlaneOptions options,
    QuantumStorage storage,
    SourceConnections connections,
    ILogger<SourceService> logger)
{
    public const int MaxNameLength = 100;

    public long MaxUploadBytes => options.MaxUploadBytes;

    /// <summary>Whether server-path file sources (and SQLite files) are allowed at all.</summary>
    public bool ServerFilesAllowed => options.AllowedFileRoot is not null;

    public async Task<IReadOnlyList<SourceSummary>> ListAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sources = await db.DataSources.AsNoTracking().Where(s => s.QuantumId == quantumId).ToListAsync(ct);
        var inputs = await CompositionInputNamesAsync(db, quantumId, ct);
        return sources.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(s => ToSummary(s, inputs)).ToList();
    }

    public async Task<SourceSummary?> GetAsync(Guid quantumId, Guid sourceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId && s.QuantumId == quantumId, ct);
        return source is null ? null : ToSummary(source, await CompositionInputNamesAsync(db, quantumId, ct));
    }

    /// <summary>
    /// Streams an uploaded file into the quantum's folder under a generated name. Everything but the content is checked
    /// first, so a refused upload is refused before its bytes are read; past <see cref="MaxUploadBytes"/> the copy stops,
    /// the partial file is deleted and the result carries <see cref="UploadTooLarge"/>.
    /// </summary>
    public async Task<OperationResult<SourceSummary>> AddUploadAsync(Caller caller, Guid quantumId, NewFileSource source, string fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        if (quantum is null) return refusal!;

        var errors = new ValidationErrors();
        var name = CheckName(source.Name, errors);
        var originalName = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var format = SourceFiles.FormatOf(originalName);
        if (string.IsNullOrWhiteSpace(originalName)) errors.Add("file", "Choose a file to upload.");
        else if (format is null) errors.Add("file", $"'{originalName}' is not a file the portal reads: use {SourceFiles.Extensions}.");
        var target = await OnboardingTargets.ResolveAsync(db, quantum, source.OutputPort, source.ObjectName, errors, ct);
        if (errors.Any || target is null || name is null) return OperationResult<SourceSummary>.Invalid(errors.ToDictionary());
        if (await NameTakenAsync(db, quantumId, name, ct)) return NameConflict(name);

        var id = Guid.NewGuid();
        var path = Path.Combine(storage.FilesDirectory(quantumId), $"{id:N}{Path.GetExtension(originalName).ToLowerInvariant()}");
        var size = await SourceFiles.CopyLimitedAsync(content, path, options.MaxUploadBytes, ct);
        if (size is null) return TooLarge(originalName);
        if (size == 0)
        {
            SourceFiles.TryDelete(path);
            return Invalid("file", $"'{originalName}' is empty.");
        }
        var entity = new DataSource
        {
            Id = id, QuantumId = quantumId, Name = name, Kind = SourceKind.Upload, Format = format,
            FilePath = path, OriginalFileName = Truncate(originalName, 260), SizeBytes = size,
            OutputPort = target.Port.Name, ObjectName = target.Object.Name,
        };
        return await SaveNewAsync(db, entity, deleteOnFailure: path, ct);
    }

    /// <summary>A file already on the server, under <c>MeshPortal:DataPlane:AllowedFileRoot</c> (symbolic links resolved).</summary>
    public async Task<OperationResult<SourceSummary>> AddServerFileAsync(Caller caller, Guid quantumId, NewFileSource source, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        if (quantum is null) return refusal!;

        var errors = new ValidationErrors();
        var name = CheckName(source.Name, errors);
        string? path = null, format = null;
        if (options.AllowedFileRoot is null)
            errors.Add("path", "Reading files from the server is switched off: an operator sets MeshPortal:DataPlane:AllowedFileRoot to the folder such files may come from. Upload the file instead.");
        else
        {
            (path, var error) = SourceFiles.ResolveUnderRoot(options.AllowedFileRoot, source.ServerPath ?? "");
            if (error is not null) errors.Add("path", error);
            else if ((format = SourceFiles.FormatOf(path!)) is null) errors.Add("path", $"'{source.ServerPath}' is not a file the portal reads: use {SourceFiles.Extensions}.");
        }
        var target = await OnboardingTargets.ResolveAsync(db, quantum, source.OutputPort, source.ObjectName, errors, ct);
        if (errors.Any || target is null || name is null || path is null) return OperationResult<SourceSummary>.Invalid(errors.ToDictionary());
        if (await NameTakenAsync(db, quantumId, name, ct)) return NameConflict(name);

        var entity = new DataSource
        {
            QuantumId = quantumId, Name = name, Kind = SourceKind.ServerFile, Format = format, FilePath = path,
            OriginalFileName = Truncate(Path.GetFileName(path), 260), SizeBytes = new FileInfo(path).Length,
            OutputPort = target.Port.Name, ObjectName = target.Object.Name,
        };
        return await SaveNewAsync(db, entity, deleteOnFailure: null, ct);
    }

    /// <summary>A relational database (the connection string is checked, then stored encrypted) or a composition of the quantum's inputs.</summary>
    public async Task<OperationResult<SourceSummary>> AddConnectionAsync(Caller caller, Guid quantumId, NewConnectionSource source, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        if (quantum is null) return refusal!;

        var errors = new ValidationErrors();
        var name = CheckName(source.Name, errors);
        var query = source.Query?.Trim();
        string? protectedConnection = null;
        if (source.Kind is SourceKind.Composition)
        {
            var inputs = OnboardingTargets.CompositionInputs(quantum);
            if (inputs.Count == 0)
                errors.Add("kind", "A composition reads the quantum's input ports of kind quantum, and this quantum has none bound to a producer: add one first.");
            foreach (var input in inputs)
                if (UserSqlCheck.InputNameError(input.Name) is { } nameError) errors.Add("kind", nameError);
            // Without inputs there is nothing the query could read; the "kind" message says what to do first.
            if (inputs.Count > 0 && await UserSqlCheck.ErrorAsync(query, UserSqlCheck.Composition(inputs.Select(i => i.Name)), ct) is { } sqlError)
                errors.Add("query", $"{sqlError} Read the inputs as {string.Join(", ", inputs.Select(i => $"input.{i.Name}"))}.");
        }
        else if (source.Kind is SourceKind.Sqlite or SourceKind.PostgreSql or SourceKind.SqlServer or SourceKind.MySql)
        {
            if (connections.Validate(source.Kind, source.Connection) is { } connectionError) errors.Add("connection", connectionError);
            else protectedConnection = connections.Protect(source.Connection.Trim());
            if (SourceConnections.QueryError(source.Kind, query) is { } queryError) errors.Add("query", queryError);
        }
        else
        {
            errors.Add("kind", "A connection source is sqlite, postgresql, sqlserver, mysql or composition; files are uploaded or given by path.");
        }
        var target = await OnboardingTargets.ResolveAsync(db, quantum, source.OutputPort, source.ObjectName, errors, ct);
        if (errors.Any || target is null || name is null) return OperationResult<SourceSummary>.Invalid(errors.ToDictionary());
        if (await NameTakenAsync(db, quantumId, name, ct)) return NameConflict(name);

        var entity = new DataSource
        {
            QuantumId = quantumId, Name = name, Kind = source.Kind, ProtectedConnection = protectedConnection, Query = query,
            OutputPort = target.Port.Name, ObjectName = target.Object.Name,
        };
        return await SaveNewAsync(db, entity, deleteOnFailure: null, ct);
    }

    /// <summary>Removes a source (and an uploaded file). Refused while one of its runs is queued or running, or while the schedule onboards it.</summary>
    public async Task<OperationResult<bool>> DeleteAsync(Caller caller, Guid quantumId, Guid sourceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        if (quantum is null) return refusal!.As<bool>();
        var source = await db.DataSources.FirstOrDefaultAsync(s => s.Id == sourceId && s.QuantumId == quantumId, ct);
        if (source is null) return OperationResult<bool>.NotFound($"Quantum '{quantum.Slug}' has no source {sourceId}.");
        if (await db.OnboardingRuns.AnyAsync(r => r.SourceId == sourceId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running), ct))
            return OperationResult<bool>.Conflict("source", $"Source '{source.Name}' is being onboarded: cancel the run or wait for it to finish, then delete the source.");
        if (await db.OnboardingSettings.AnyAsync(s => s.QuantumId == quantumId && s.ScheduledSourceId == sourceId && s.Cron != null, ct))
            return OperationResult<bool>.Conflict("source", $"The schedule onboards source '{source.Name}': change or clear the schedule first.");
        db.DataSources.Remove(source);
        await db.SaveChangesAsync(ct);
        if (source.Kind == SourceKind.Upload && IsUnder(source.FilePath, storage.FilesDirectory(quantumId))) SourceFiles.TryDelete(source.FilePath);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Connects and reads the table or query without loading anything. Only members may make the server connect somewhere.</summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(Caller caller, Guid quantumId, SourceKind kind, string connection, string? query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        if (quantum is null) return new ConnectionTestResult(false, refusal!.Message ?? "Not allowed.");
        if (kind is SourceKind.Composition)
        {
            var inputs = OnboardingTargets.CompositionInputs(quantum);
            if (inputs.Count == 0) return new ConnectionTestResult(false, "This quantum has no input port of kind quantum bound to a producer, so a composition has nothing to read.");
            if (inputs.Select(i => UserSqlCheck.InputNameError(i.Name)).FirstOrDefault(e => e is not null) is { } nameError) return new ConnectionTestResult(false, nameError);
            return await UserSqlCheck.ErrorAsync(query, UserSqlCheck.Composition(inputs.Select(i => i.Name)), ct) is { } sqlError
                ? new ConnectionTestResult(false, sqlError)
                : new ConnectionTestResult(true, $"The query is a single read-only SELECT. It runs over the published data of {string.Join(", ", inputs.Select(i => $"input.{i.Name}"))} when the source is onboarded.");
        }
        if (kind is not (SourceKind.Sqlite or SourceKind.PostgreSql or SourceKind.SqlServer or SourceKind.MySql))
            return new ConnectionTestResult(false, "Only connection sources can be tested; files are checked when they are added.");
        if (connections.Validate(kind, connection) is { } error) return new ConnectionTestResult(false, error);
        try
        {
            return await connections.TestAsync(kind, connection.Trim(), string.IsNullOrWhiteSpace(query) ? null : query.Trim(), ct);
        }
        catch (DataPlaneException e)
        {
            return new ConnectionTestResult(false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Driver messages can echo the connection string; say only where it pointed.
            logger.LogWarning(e, "Connection test for quantum {QuantumId} failed", quantumId);
            return new ConnectionTestResult(false, $"Could not connect to {connections.Describe(kind, connection)}: the server log has the details.");
        }
    }

    /// <summary>Whether the caller may change this quantum's sources (NotFound / Forbidden otherwise), for callers that ask before acting.</summary>
    public async Task<OperationResult<bool>> CheckWriteAsync(Caller caller, Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (quantum, refusal) = await LoadForWriteAsync(db, caller, quantumId, ct);
        return quantum is null ? refusal!.As<bool>() : OperationResult<bool>.Ok(true);
    }

    private static async Task<(Quantum? Quantum, OperationResult<SourceSummary>? Refusal)> LoadForWriteAsync(MeshDbContext db, Caller caller, Guid quantumId, CancellationToken ct)
    {
        var quantum = await db.Quanta.AsNoTracking().Include(q => q.Domain).Include(q => q.Ports).AsSplitQuery().FirstOrDefaultAsync(q => q.Id == quantumId, ct);
        if (quantum is null) return (null, OperationResult<SourceSummary>.NotFound($"There is no quantum {quantumId}."));
        if (!caller.CanEdit(quantum)) return (null, OperationResult<SourceSummary>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may change the sources of this quantum."));
        return (quantum, null);
    }

    private async Task<OperationResult<SourceSummary>> SaveNewAsync(MeshDbContext db, DataSource entity, string? deleteOnFailure, CancellationToken ct)
    {
        db.DataSources.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            SourceFiles.TryDelete(deleteOnFailure);
            return NameConflict(entity.Name);
        }
        catch
        {
            SourceFiles.TryDelete(deleteOnFailure);
            throw;
        }
        return OperationResult<SourceSummary>.Ok(ToSummary(entity, await CompositionInputNamesAsync(db, entity.QuantumId, ct)));
    }

    private SourceSummary ToSummary(DataSource s, IReadOnlyList<string> compositionInputs)
    {
        var location = s.Kind switch
        {
            SourceKind.ServerFile => s.FilePath,
            SourceKind.Upload => null,
            SourceKind.Composition => compositionInputs.Count == 0 ? "no input ports" : string.Join(", ", compositionInputs.Select(i => $"input.{i}")),
            _ => connections.Unprotect(s.ProtectedConnection) is { } plain
                ? connections.Describe(s.Kind, plain)
                : "(the stored connection cannot be decrypted: delete the source and add it again)",
        };
        return new SourceSummary(s.Id, s.Name, s.Kind, s.Format, s.OriginalFileName, s.SizeBytes, location, s.Query, s.OutputPort, s.ObjectName, s.CreatedAt, s.CreatedBy);
    }

    private static async Task<IReadOnlyList<string>> CompositionInputNamesAsync(MeshDbContext db, Guid quantumId, CancellationToken ct) =>
        await db.Ports.AsNoTracking()
            .Where(p => p.QuantumId == quantumId && p.Direction == PortDirection.Input && p.Kind == "quantum" && p.UpstreamQuantumId != null)
            .OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct);

    private static string? CheckName(string? name, ValidationErrors errors)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) errors.Add("name", "Give the source a name.");
        else if (trimmed.Length > MaxNameLength) errors.Add("name", $"The name is longer than {MaxNameLength} characters.");
        else if (trimmed.Any(char.IsControl)) errors.Add("name", "The name contains control characters.");
        else return trimmed;
        return null;
    }

    private static Task<bool> NameTakenAsync(MeshDbContext db, Guid quantumId, string name, CancellationToken ct) =>
        db.DataSources.AnyAsync(s => s.QuantumId == quantumId && s.Name == name, ct);

    private static OperationResult<SourceSummary> NameConflict(string name) =>
        OperationResult<SourceSummary>.Conflict("name", $"The quantum already has a source named '{name}'.");

    private OperationResult<SourceSummary> TooLarge(string fileName)
    {
        var message = $"'{fileName}' is larger than the {SourceFiles.Size(options.MaxUploadBytes)} upload limit; nothing was kept. Split the file, or ask an operator to place it under the server's file root.";
        return OperationResult<SourceSummary>.Unprocessable(message, new Dictionary<string, string[]> { ["file"] = [message] }, new UploadTooLarge(options.MaxUploadBytes));
    }

    private static OperationResult<SourceSummary> Invalid(string field, string message) =>
        OperationResult<SourceSummary>.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static bool IsUnder(string? path, string folder) =>
        path is not null && Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

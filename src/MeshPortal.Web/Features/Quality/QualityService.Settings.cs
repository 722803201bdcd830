using Hangfire;
using Hangfire.Storage;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

public sealed partial class QualityService
{
    private const string SchedulePrefix = "quality-";

    /// <summary>The Hangfire recurring job that runs a quantum's quality checks on its schedule.</summary>
    public static string ScheduleJobId(Guid quantumId) => SchedulePrefix + quantumId;

    /// <summary>
    /// Whether an onboarding whose new data fails an error-severity rule is refused (the previous data stays served) or
    /// published and marked as failing its contract. Who may: as for the onboarding settings, the domain's members.
    /// </summary>
    public async Task<OperationResult<bool>> SetBlockPublishAsync(Caller caller, Guid quantumId, bool block, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<bool>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEdit(quantum)) return OperationResult<bool>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may change this quantum's quality settings.");
        var row = await SettingsRowAsync(db, quantumId, ct);
        row.BlockPublishOnQualityFailure = block;
        await db.SaveChangesAsync(ct);
        return OperationResult<bool>.Ok(block);
    }

    /// <summary>
    /// Sets (or clears, with null or blank) the quality schedule: a five-field cron in UTC, checked by Hangfire's own parser
    /// when the recurring job <c>quality-&lt;quantum id&gt;</c> is registered, so an expression Hangfire refuses is never stored.
    /// </summary>
    public async Task<OperationResult<string?>> SetScheduleAsync(Caller caller, Guid quantumId, string? cron, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var quantum = await OnboardingService.LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<string?>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEdit(quantum)) return OperationResult<string?>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may change this quantum's quality settings.");

        var normalized = string.IsNullOrWhiteSpace(cron) ? null : string.Join(' ', cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var row = await SettingsRowAsync(db, quantumId, ct);
        var previous = row.QualityCron;
        if (normalized is not null && CronRefusal(quantumId, normalized, previous) is { } refusal)
            return OperationResult<string?>.Invalid(new Dictionary<string, string[]> { ["cron"] = [refusal] });
        row.QualityCron = normalized;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Put Hangfire back the way the stored settings say.
            RestoreSchedule(quantumId, previous);
            throw;
        }
        if (normalized is null) recurring.RemoveIfExists(ScheduleJobId(quantumId));
        return OperationResult<string?>.Ok(normalized);
    }

    /// <summary>Why Hangfire refuses the cron (the previous schedule is put back), or null once it is registered.</summary>
    private string? CronRefusal(Guid quantumId, string cron, string? previous)
    {
        const string Hint = "Write minute hour day-of-month month day-of-week (UTC), e.g. 0 6 * * * for every day at 06:00.";
        var fields = cron.Split(' ').Length;
        if (fields != 5) return $"A schedule has five fields (minute hour day-of-month month day-of-week, UTC), not {fields}: for example 0 6 * * * for every day at 06:00 UTC.";
        try
        {
            RegisterSchedule(quantumId, cron);
        }
        catch (ArgumentException e)
        {
            return $"'{cron}' is not a schedule Hangfire accepts: {e.InnerException?.Message ?? e.Message} {Hint}";
        }
        if (NextRun(quantumId) is not null) return null;
        RestoreSchedule(quantumId, previous);
        return $"'{cron}' never fires (no such date, e.g. 31 February). {Hint}";
    }

    /// <summary>When the quantum's quality schedule fires next, as Hangfire computed it (null: never, or no schedule).</summary>
    public DateTime? NextRun(Guid quantumId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([ScheduleJobId(quantumId)]).FirstOrDefault()?.NextExecution;
    }

    /// <summary>
    /// Makes Hangfire's recurring quality jobs match the stored schedules (registers each, removes those of quanta without
    /// one). Run at start-up, so a crash between a save and its registration loses nothing.
    /// </summary>
    public async Task SyncSchedulesAsync(IEnumerable<string> registeredIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedules = await db.OnboardingSettings.AsNoTracking().Where(s => s.QualityCron != null)
            .Select(s => new { s.QuantumId, s.QualityCron }).ToListAsync(ct);
        foreach (var s in schedules)
        {
            try
            {
                RegisterSchedule(s.QuantumId, s.QualityCron!);
            }
            catch (ArgumentException e)
            {
                logger.LogWarning(e, "The stored quality schedule '{Cron}' of quantum {QuantumId} is not valid", s.QualityCron, s.QuantumId);
            }
        }
        var wanted = schedules.Select(s => ScheduleJobId(s.QuantumId)).ToHashSet(StringComparer.Ordinal);
        PerQuantumSchedules.RemoveStale(recurring, registeredIds, SchedulePrefix, wanted);
    }

    private static async Task<OnboardingSettings> SettingsRowAsync(MeshDbContext db, Guid quantumId, CancellationToken ct)
    {
        var row = await db.OnboardingSettings.FirstOrDefaultAsync(s => s.QuantumId == quantumId, ct);
        if (row is null) db.OnboardingSettings.Add(row = new OnboardingSettings { QuantumId = quantumId });
        return row;
    }

    private void RestoreSchedule(Guid quantumId, string? cron)
    {
        if (cron is null) recurring.RemoveIfExists(ScheduleJobId(quantumId));
        else RegisterSchedule(quantumId, cron);
    }

    private void RegisterSchedule(Guid quantumId, string cron) =>
        recurring.AddOrUpdate<QualityJob>(ScheduleJobId(quantumId), job => job.RunScheduledAsync(quantumId, CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}

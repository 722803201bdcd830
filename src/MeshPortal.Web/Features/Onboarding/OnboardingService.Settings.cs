using Hangfire;
using Hangfire.Storage;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Onboarding;

public sealed partial class OnboardingService
{
    /// <summary>The Hangfire recurring job that onboards a quantum's scheduled source.</summary>
    private const string SchedulePrefix = "onboarding-";

    public static string ScheduleJobId(Guid quantumId) => SchedulePrefix + quantumId;

    public async Task<OnboardingSettingsModel> GetSettingsAsync(Guid quantumId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.OnboardingSettings.AsNoTracking().FirstOrDefaultAsync(x => x.QuantumId == quantumId, ct);
        return s is null ? new OnboardingSettingsModel(null, null, null) : new OnboardingSettingsModel(s.GoldSql, s.Cron, s.ScheduledSourceId);
    }

    /// <summary>
    /// Saves the gold SELECT and the schedule. The cron (five fields, UTC) is checked by Hangfire's own parser (Cronos) when
    /// the recurring job is registered, so an expression Hangfire refuses is never stored.
    /// </summary>
    public async Task<OperationResult<OnboardingSettingsModel>> SaveSettingsAsync(Caller caller, Guid quantumId, OnboardingSettingsModel settings, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = caller.Username;
        var quantum = await LoadQuantumAsync(db, quantumId, ct);
        if (quantum is null) return OperationResult<OnboardingSettingsModel>.NotFound($"There is no quantum {quantumId}.");
        if (!caller.CanEdit(quantum)) return OperationResult<OnboardingSettingsModel>.Forbidden($"Only members of the {quantum.Domain!.Name} domain may change this quantum's onboarding.");

        var errors = new ValidationErrors();
        var gold = string.IsNullOrWhiteSpace(settings.GoldSql) ? null : settings.GoldSql.Trim();
        if (gold is not null && await UserSqlCheck.ErrorAsync(gold, UserSqlCheck.Gold, ct) is { } goldError) errors.Add("goldSql", goldError + " Refer to the validated rows as silver.");
        var cron = string.IsNullOrWhiteSpace(settings.Cron) ? null : string.Join(' ', settings.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (cron is not null && cron.Split(' ').Length != 5)
            errors.Add("cron", $"A schedule has five fields (minute hour day-of-month month day-of-week, UTC), not {cron.Split(' ').Length}: for example 0 2 * * * for every day at 02:00 UTC.");
        if (settings.ScheduledSourceId is { } sourceId && !await db.DataSources.AnyAsync(s => s.Id == sourceId && s.QuantumId == quantumId, ct))
            errors.Add("scheduledSourceId", $"Quantum '{quantum.Slug}' has no source {sourceId}.");
        else if (cron is not null && settings.ScheduledSourceId is null)
            errors.Add("scheduledSourceId", "Choose the source the schedule onboards.");
        if (errors.Any) return OperationResult<OnboardingSettingsModel>.Invalid(errors.ToDictionary());

        // Registering first lets Hangfire's own parser judge the cron before anything is stored. A crash between the two
        // steps is repaired at start-up (SyncSchedulesAsync), and the job reads the stored schedule when it fires.
        var row = await db.OnboardingSettings.FirstOrDefaultAsync(s => s.QuantumId == quantumId, ct);
        var previousCron = row?.Cron;
        if (cron is not null)
        {
            string? refusal = null;
            try
            {
                RegisterSchedule(quantumId, cron);
                if (NextRun(quantumId) is null)
                {
                    refusal = $"'{cron}' never fires (no such date, e.g. 31 February). Write minute hour day-of-month month day-of-week (UTC), e.g. 30 6 * * 1-5.";
                    RestoreSchedule(quantumId, previousCron);
                }
            }
            catch (ArgumentException e)
            {
                refusal = $"'{cron}' is not a schedule Hangfire accepts: {e.InnerException?.Message ?? e.Message} Write minute hour day-of-month month day-of-week (UTC), e.g. 30 6 * * 1-5.";
            }
            if (refusal is not null) return OperationResult<OnboardingSettingsModel>.Invalid(new Dictionary<string, string[]> { ["cron"] = [refusal] });
        }
        if (row is null) db.OnboardingSettings.Add(row = new OnboardingSettings { QuantumId = quantumId });
        row.GoldSql = gold;
        row.Cron = cron;
        row.ScheduledSourceId = settings.ScheduledSourceId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Put Hangfire back the way the stored settings say.
            RestoreSchedule(quantumId, previousCron);
            throw;
        }
        if (cron is null) recurring.RemoveIfExists(ScheduleJobId(quantumId));
        return OperationResult<OnboardingSettingsModel>.Ok(new OnboardingSettingsModel(row.GoldSql, row.Cron, row.ScheduledSourceId));
    }

    /// <summary>
    /// Makes Hangfire's recurring jobs match the stored schedules: registers every schedule and removes recurring jobs of
    /// quanta that no longer have one. Run at start-up, so a crash between a save and its registration loses nothing.
    /// </summary>
    public async Task SyncSchedulesAsync(IEnumerable<string> registeredIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedules = await db.OnboardingSettings.AsNoTracking().Where(s => s.Cron != null && s.ScheduledSourceId != null)
            .Select(s => new { s.QuantumId, s.Cron }).ToListAsync(ct);
        foreach (var s in schedules)
        {
            try
            {
                RegisterSchedule(s.QuantumId, s.Cron!);
            }
            catch (ArgumentException e)
            {
                logger.LogWarning(e, "The stored schedule '{Cron}' of quantum {QuantumId} is not valid", s.Cron, s.QuantumId);
            }
        }
        var wanted = schedules.Select(s => ScheduleJobId(s.QuantumId)).ToHashSet(StringComparer.Ordinal);
        PerQuantumSchedules.RemoveStale(recurring, registeredIds, SchedulePrefix, wanted);
    }

    /// <summary>When the quantum's recurring job fires next, as Hangfire computed it (null: never).</summary>
    public DateTime? NextRun(Guid quantumId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([ScheduleJobId(quantumId)]).FirstOrDefault()?.NextExecution;
    }

    private void RestoreSchedule(Guid quantumId, string? cron)
    {
        if (cron is null) recurring.RemoveIfExists(ScheduleJobId(quantumId));
        else RegisterSchedule(quantumId, cron);
    }

    private void RegisterSchedule(Guid quantumId, string cron) =>
        recurring.AddOrUpdate<OnboardingJob>(ScheduleJobId(quantumId), job => job.RunScheduledAsync(quantumId, CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}

using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Jobs;

/// <summary>
/// The onboarding and quality runs of every quantum, for the Jobs page: newest first, with what is running now and how
/// the last two weeks went. Runs are as visible as the quanta they belong to: to every signed-in user.
/// </summary>
public sealed class JobRunsService(IDbContextFactory<MeshDbContext> factory, TimeProvider clock)
{
    public const int PageSize = 100;
    public const int MaxTake = 1000;
    public const int ChartDays = 14;

    public async Task<JobRunsOverview> OverviewAsync(Caller caller, JobRunFilter filter, int take = PageSize, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTake);
        await using var db = await factory.CreateDbContextAsync(ct);
        var quanta = QuantaOf(db, caller, filter);
        var ids = quanta.Select(q => q.Id);
        var since = clock.GetUtcNow().AddDays(-ChartDays);
        var runs = new List<JobRun>();
        var ended = new List<Ended>();
        if (filter.Kind is null or JobKind.Onboarding)
        {
            runs.AddRange(await OnboardingRunsAsync(db, quanta, filter.Status, take + 1, ct));
            ended.AddRange(await db.OnboardingRuns
                .Where(r => ids.Contains(r.QuantumId) && r.QueuedAt >= since && (r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.Cancelled))
                .Select(r => new Ended(r.Status, r.QueuedAt)).ToListAsync(ct));
        }
        if (filter.Kind is null or JobKind.Quality)
        {
            runs.AddRange(await QualityRunsAsync(db, quanta, filter.Status, take + 1, ct));
            ended.AddRange(await db.QualityRuns
                .Where(r => ids.Contains(r.QuantumId) && r.QueuedAt >= since && (r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.Cancelled))
                .Select(r => new Ended(r.Status, r.QueuedAt)).ToListAsync(ct));
        }

        var newest = runs.OrderByDescending(r => r.QueuedAt).ThenBy(r => r.Id).ToList();
        var figures = await FiguresAsync(db, ids, filter.Kind, ct);
        return new JobRunsOverview(newest.Take(take).ToList(), newest.Count > take,
            figures.Running, figures.Queued, figures.SucceededLastDay, figures.FailedLastDay, Days(ended, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>Only the figures of <see cref="OverviewAsync"/> (the status filter does not apply): counted by the database, no run read.</summary>
    public async Task<JobFigures> FiguresAsync(Caller caller, JobRunFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FiguresAsync(db, QuantaOf(db, caller, filter).Select(q => q.Id), filter.Kind, ct);
    }

    /// <summary>The runs under way however old (one stuck in the queue still counts), and those that ended in the last 24 hours, by status.</summary>
    private async Task<JobFigures> FiguresAsync(MeshDbContext db, IQueryable<Guid> ids, JobKind? kind, CancellationToken ct)
    {
        var dayAgo = clock.GetUtcNow().AddDays(-1);
        var counts = new List<(RunStatus Status, int Count)>();
        if (kind is null or JobKind.Onboarding)
            counts.AddRange((await db.OnboardingRuns
                .Where(r => ids.Contains(r.QuantumId) && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running || r.FinishedAt >= dayAgo))
                .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(c => (c.Key, c.Count)));
        if (kind is null or JobKind.Quality)
            counts.AddRange((await db.QualityRuns
                .Where(r => ids.Contains(r.QuantumId) && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running || r.FinishedAt >= dayAgo))
                .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(c => (c.Key, c.Count)));
        int Of(RunStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return new JobFigures(Of(RunStatus.Running), Of(RunStatus.Queued), Of(RunStatus.Succeeded), Of(RunStatus.Failed));
    }

    /// <summary>A run that ended (succeeded, failed or was cancelled), by the time it was queued: the chart's unit.</summary>
    private sealed record Ended(RunStatus Status, DateTimeOffset QueuedAt);

    private sealed record QuantumName(Guid Id, string Name, Guid DomainId, string DomainSlug, string DomainName);

    private static IQueryable<Quantum> QuantaOf(MeshDbContext db, Caller caller, JobRunFilter filter)
    {
        var quanta = db.Quanta.AsNoTracking();
        if (filter.Domain is { Length: > 0 } slug) quanta = quanta.Where(q => q.Domain!.Slug == slug);
        if (filter.MyDomains)
        {
            var mine = caller.DomainRoles.Keys.ToList();
            quanta = quanta.Where(q => mine.Contains(q.DomainId));
        }
        return quanta;
    }

    /// <summary>The last <see cref="ChartDays"/> days up to today, oldest first, each with its ended runs by outcome.</summary>
    private static List<JobDay> Days(IReadOnlyList<Ended> ended, DateOnly today)
    {
        var byDay = ended.ToLookup(o => DateOnly.FromDateTime(o.QueuedAt.UtcDateTime));
        return Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i - ChartDays + 1)).Select(day => new JobDay(day,
            byDay[day].Count(o => o.Status == RunStatus.Succeeded),
            byDay[day].Count(o => o.Status == RunStatus.Failed),
            byDay[day].Count(o => o.Status == RunStatus.Cancelled))).ToList();
    }

    private static IQueryable<OnboardingRun> WithStatus(IQueryable<OnboardingRun> runs, JobStatusFilter status) => status switch
    {
        JobStatusFilter.Active => runs.Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running),
        JobStatusFilter.Failed => runs.Where(r => r.Status == RunStatus.Failed),
        _ => runs,
    };

    private static IQueryable<QualityRun> WithStatus(IQueryable<QualityRun> runs, JobStatusFilter status) => status switch
    {
        JobStatusFilter.Active => runs.Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running),
        JobStatusFilter.Failed => runs.Where(r => r.Status == RunStatus.Failed),
        _ => runs,
    };

    private static async Task<List<JobRun>> OnboardingRunsAsync(MeshDbContext db, IQueryable<Quantum> quanta, JobStatusFilter status, int take, CancellationToken ct)
    {
        var rows = await (from r in WithStatus(db.OnboardingRuns.AsNoTracking(), status)
                          join q in quanta on r.QuantumId equals q.Id
                          join s in db.DataSources on r.SourceId equals s.Id into sources
                          from s in sources.DefaultIfEmpty()
                          orderby r.QueuedAt descending
                          select new { Run = r, Quantum = new QuantumName(q.Id, q.Name, q.DomainId, q.Domain!.Slug, q.Domain.Name), Source = s == null ? null : s.Name })
            .Take(take).ToListAsync(ct);
        return rows.Select(x => new JobRun(x.Run.Id, JobKind.Onboarding, x.Quantum.Id, x.Quantum.Name, x.Quantum.DomainId, x.Quantum.DomainSlug, x.Quantum.DomainName,
            x.Run.Status, x.Run.Phase, x.Run.Progress, $"{x.Source ?? "(deleted source)"} → {x.Run.ObjectName}", x.Run.Error, x.Run.TriggeredBy,
            x.Run.QueuedAt, x.Run.StartedAt, x.Run.FinishedAt)
        {
            RowsRead = x.Run.RowsRead,
            RowsReadEstimated = x.Run.RowsReadEstimated,
            RowsValid = x.Run.RowsValid,
            RowsQuarantined = x.Run.RowsQuarantined,
        }).ToList();
    }

    private static async Task<List<JobRun>> QualityRunsAsync(MeshDbContext db, IQueryable<Quantum> quanta, JobStatusFilter status, int take, CancellationToken ct)
    {
        var rows = await (from r in WithStatus(db.QualityRuns.AsNoTracking(), status)
                          join q in quanta on r.QuantumId equals q.Id
                          orderby r.QueuedAt descending
                          select new { Run = r, Quantum = new QuantumName(q.Id, q.Name, q.DomainId, q.Domain!.Slug, q.Domain.Name) })
            .Take(take).ToListAsync(ct);
        return rows.Select(x => new JobRun(x.Run.Id, JobKind.Quality, x.Quantum.Id, x.Quantum.Name, x.Quantum.DomainId, x.Quantum.DomainSlug, x.Quantum.DomainName,
            x.Run.Status, x.Run.Status == RunStatus.Running ? "checking" : "", null,
            $"{x.Run.ContractId} {x.Run.ContractVersion}{(x.Run.CheckedBeforePublish ? " · new data, before publishing" : "")}", x.Run.Error, x.Run.TriggeredBy,
            x.Run.QueuedAt, x.Run.StartedAt, x.Run.FinishedAt)
        {
            Score = x.Run.Score,
            RulesPassed = x.Run.Passed,
            RulesFailed = x.Run.Failed,
            RuleErrors = x.Run.Errors,
            FailsContract = x.Run.FailsContract,
            BlockedPublish = x.Run.BlockedPublish,
        }).ToList();
    }
}

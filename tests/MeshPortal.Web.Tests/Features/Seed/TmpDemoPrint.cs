using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MeshPortal.Web.Tests.Features.Seed;

public sealed class TmpDemoPrint(DemoDataTests.Factory portal, ITestOutputHelper output) : IClassFixture<DemoDataTests.Factory>
{
    [Fact]
    public async Task Print()
    {
        var start = DateTime.UtcNow;
        while (true)
        {
            await using var db = portal.CreateDbContext();
            var runs = await db.OnboardingRuns.CountAsync();
            var active = await db.OnboardingRuns.CountAsync(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running) + await db.QualityRuns.CountAsync(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running);
            if (runs >= 40 && active == 0) break;
            await Task.Delay(200);
        }
        output.WriteLine($"done after {DateTime.UtcNow - start}");
        await using (var db = portal.CreateDbContext())
        {
            var first = await db.OnboardingRuns.Select(r => r.StartedAt).ToListAsync();
            var q = await db.QualityRuns.Select(r => r.FinishedAt).ToListAsync();
            output.WriteLine($"onboarding runs: {first.Count}, quality runs: {q.Count}");
        }
        var dash = await portal.Services.GetRequiredService<QualityService>().DashboardAsync(null);
        foreach (var p in dash.Trend) output.WriteLine($"trend {p.At:yyyy-MM-dd} {p.Score:0.0} failed {p.Failed} {string.Join(",", p.ByDimension.Select(d => $"{d.Key}={d.Value:0}"))}");
        foreach (var r in dash.Quanta) output.WriteLine($"{r.DomainSlug}/{r.QuantumSlug} {r.Tier} score {r.Score:0.0} fails {r.FailsContract} stale {r.Stale} failed {r.FailedRules} run {r.LastRunAt} load {r.LastLoadAt}");
        foreach (var g in dash.ByDomain) output.WriteLine($"domain {g.Key} {g.Score:0.0} {g.Quanta} failing {g.Failing}");
        foreach (var g in dash.ByTier) output.WriteLine($"tier {g.Key} {g.Score:0.0} {g.Quanta} failing {g.Failing}");
        await using (var db = portal.CreateDbContext())
        {
            var failed = await db.QualityResults.Where(r => r.Outcome != "passed").Join(db.QualityRuns, r => r.QualityRunId, q => q.Id, (r, q) => new { q.QuantumId, q.FinishedAt, r.Rule, r.Property, r.Outcome, r.Value, r.Severity, r.Message }).ToListAsync();
            foreach (var f in failed.OrderBy(f => f.QuantumId).ThenBy(f => f.FinishedAt)) output.WriteLine($"{f.QuantumId.ToString()[..6]} {f.FinishedAt:MM-dd} {f.Rule} {f.Property} {f.Outcome} {f.Value} {f.Severity} {f.Message}");
        }
    }
}

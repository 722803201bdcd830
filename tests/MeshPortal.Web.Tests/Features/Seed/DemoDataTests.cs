using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Seed;
using MeshPortal.Web.Features.Seed.Data;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Features.Seed;

/// <summary>The demo mesh's sample data, onboarded on first start through the ordinary sources and jobs.</summary>
public sealed class DemoDataTests(DemoDataTests.Factory portal) : IClassFixture<DemoDataTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        protected override bool RunJobServer => true;
        protected override bool SeedSampleData => true;
    }

    [Fact]
    public async Task FirstStart_OnboardsEveryDemoQuantum_WithThePlantedDefectsInQuarantine()
    {
        // Today's runs are the latest of each quantum; the earlier ones are the quality history (see the next test).
        var runs = (await WaitForDemoRunsAsync()).GroupBy(r => r.QuantumId).Select(g => g.MaxBy(r => r.QueuedAt)!).ToList();
        var anchor = DateOnly.FromDateTime(portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        await using var db = portal.CreateDbContext();
        foreach (var seed in DemoData.Uploads)
        {
            var quantumId = await DemoOwners.QuantumIdAsync(db, seed.Quantum, default);
            var run = runs.Single(r => r.QuantumId == quantumId);
            var obj = await DemoDataSeeder.ObjectOfPortAsync(db, quantumId, seed.Port, seed.Object, default);
            var expected = DemoDataGenerator.Generate(obj, seed.Rows, seed.Seed, anchor);

            Assert.True(run.Status == RunStatus.Succeeded, $"{seed.Quantum}: {run.Status} {run.Error}");
            Assert.Equal(seed.Rows, run.RowsRead);
            Assert.True(expected.Defects.Count == run.RowsQuarantined,
                $"{seed.Quantum}: {run.RowsQuarantined} quarantined, planted {string.Join("; ", expected.Defects)}");
            Assert.Equal(seed.Rows - expected.Defects.Count, run.RowsValid);
        }

        var reader = portal.Services.GetRequiredService<QuantumDataReader>();
        foreach (var seed in DemoData.Composed)
        {
            var quantumId = await DemoOwners.QuantumIdAsync(db, seed.Quantum, default);
            var run = runs.Single(r => r.QuantumId == quantumId);
            if (seed.FailsBecause is { } reason)
            {
                Assert.Equal(RunStatus.Failed, run.Status);
                Assert.Contains(reason, run.Error);
                continue;
            }
            Assert.True(run.Status == RunStatus.Succeeded, $"{seed.Quantum}: {run.Status} {run.Error}");
            Assert.True(run.RowsValid > 0, $"{seed.Quantum}: no valid rows ({run.RowsQuarantined} quarantined)");
            var silver = (await reader.LayersAsync(quantumId)).Single(t => t.Layer == Layer.Silver && t.ObjectName == seed.Object);
            Assert.Equal(run.RowsValid, silver.Rows);
        }
    }

    [Fact]
    public async Task FirstStart_GivesEveryOnboardedQuantum_AQualityHistoryOverSeveralDays_WithFailingRules()
    {
        await WaitForDemoRunsAsync();
        var quality = await WaitForQualityRunsAsync();
        var today = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;

        await using var db = portal.CreateDbContext();
        var onboarded = await db.OnboardingRuns.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded).Select(r => r.QuantumId).Distinct().ToListAsync();
        Assert.Equal(DemoData.Uploads.Length + DemoData.Composed.Count(c => c.FailsBecause is null), onboarded.Count);
        foreach (var quantumId in onboarded)
        {
            var runs = quality.Where(r => r.QuantumId == quantumId && !r.CheckedBeforePublish).OrderBy(r => r.FinishedAt).ToList();
            // One run a day: the earlier days dated back by the demo clock, today's as it happened.
            Assert.True(runs.Count >= DemoData.History.Length + 1, $"{quantumId}: {runs.Count} quality runs");
            Assert.All(runs, r => Assert.True(r.Status == RunStatus.Succeeded, $"{r.Status}: {r.Error}"));
            Assert.Equal([.. DemoData.History.Select(d => today.AddDays(-d.DaysAgo)), today], runs.Select(r => r.FinishedAt!.Value.UtcDateTime.Date));
            Assert.All(runs, r => Assert.Equal("onboarding", r.TriggeredBy));
            // Today's verdict is the quantum's standing.
            var standing = await db.QualityStandings.AsNoTracking().SingleAsync(s => s.QuantumId == quantumId);
            Assert.Equal(runs[^1].Id, standing.RunId);
        }
        Assert.Contains(quality, r => r.Failed > 0);
        // The partial extract of the first day fails the orders contract's "more than 500 orders" warning; full days pass it.
        var orders = await DemoOwners.QuantumIdAsync(db, "sales/orders", default);
        var ordersRuns = quality.Where(q => q.QuantumId == orders && !q.CheckedBeforePublish).Select(q => q.Id).ToList();
        var ordersPerDay = await db.QualityResults.AsNoTracking()
            .Where(r => r.Rule == "orders_per_day" && ordersRuns.Contains(r.QualityRunId))
            .Join(db.QualityRuns, r => r.QualityRunId, q => q.Id, (r, q) => new { q.FinishedAt, r.Outcome, r.Value }).ToListAsync();
        Assert.Equal(["failed", "passed", "passed", "passed"], ordersPerDay.OrderBy(r => r.FinishedAt).Select(r => r.Outcome));
        Assert.All(ordersPerDay.OrderBy(r => r.FinishedAt).Select(r => r.Value!.Value).Skip(1), v => Assert.True(v > 500));
        Assert.InRange(ordersPerDay.MinBy(r => r.FinishedAt)!.Value!.Value, 400, 480);
        // Trends move: the mesh's daily average is not the same every day.
        var dashboard = await portal.Services.GetRequiredService<QualityService>().DashboardAsync(null);
        Assert.Equal(DemoData.History.Length + 1, dashboard.Trend.Count);
        Assert.True(dashboard.Trend.Select(p => p.Score).Distinct().Count() > 1, string.Join(", ", dashboard.Trend.Select(p => p.Score)));
    }

    private async Task<List<OnboardingRun>> WaitForDemoRunsAsync()
    {
        // Today's runs and each history day's, which leave out the composition refused on purpose.
        var expected = (DemoData.Uploads.Length + DemoData.Composed.Length) + DemoData.History.Length * (DemoData.Uploads.Length + DemoData.Composed.Count(c => c.FailsBecause is null));
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            await using var db = portal.CreateDbContext();
            var runs = await db.OnboardingRuns.AsNoTracking().ToListAsync();
            if (runs.Count >= expected && runs.All(r => r.IsFinished)) return runs;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The demo runs did not finish in time: {string.Join(", ", runs.Select(r => $"{r.QuantumId}:{r.Status}/{r.Phase}"))}");
            await Task.Delay(500);
        }
    }

    /// <summary>Every quality run, once today's have finished too (one per successful onboarding run).</summary>
    private async Task<List<QualityRun>> WaitForQualityRunsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var db = portal.CreateDbContext();
            var loads = await db.OnboardingRuns.AsNoTracking().CountAsync(r => r.Status == RunStatus.Succeeded);
            var runs = await db.QualityRuns.AsNoTracking().ToListAsync();
            if (runs.Count(r => !r.CheckedBeforePublish) >= loads && runs.All(r => r.IsFinished)) return runs;
            if (DateTime.UtcNow > deadline) Assert.Fail($"The demo quality runs did not finish in time: {runs.Count} of {loads}");
            await Task.Delay(500);
        }
    }
}

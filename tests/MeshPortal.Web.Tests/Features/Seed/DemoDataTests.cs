using MeshPortal.DataPlane.Serving;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Onboarding;
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
        var runs = await WaitForDemoRunsAsync(DemoData.Uploads.Length + DemoData.Composed.Length);
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

    private async Task<List<OnboardingRun>> WaitForDemoRunsAsync(int expected)
    {
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
}

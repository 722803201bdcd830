using Hangfire;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Onboards the demo sample data: every producer's upload first, then — once the producers have published — the
/// composed quanta, whose composition sources read the producers' output. Each run is an ordinary onboarding run.
/// </summary>
public sealed class DemoDataJob(IDbContextFactory<MeshDbContext> factory, OnboardingService onboarding, TimeProvider clock, ILogger<DemoDataJob> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [AutomaticRetry(Attempts = 0)]
    public async Task OnboardAsync(CancellationToken ct)
    {
        var producers = await StartAllAsync(DemoData.Uploads.Select(u => u.Quantum), DemoData.UploadSourceName, ct);
        await WaitAsync(producers, ct);
        var composed = await StartAllAsync(DemoData.Composed.Select(c => c.Quantum), DemoData.ComposedSourceName, ct);
        await WaitAsync(composed, ct);
    }

    private async Task<List<Guid>> StartAllAsync(IEnumerable<string> quanta, string sourceName, CancellationToken ct)
    {
        var runs = new List<Guid>();
        foreach (var key in quanta)
        {
            Guid quantumId, sourceId;
            Domain.Identity.Caller owner;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                quantumId = await DemoOwners.QuantumIdAsync(db, key, ct);
                sourceId = await db.DataSources.Where(s => s.QuantumId == quantumId && s.Name == sourceName).Select(s => s.Id).SingleAsync(ct);
                owner = await DemoOwners.OwnerOfAsync(db, DemoOwners.Split(key).Domain, ct);
            }
            var started = await onboarding.StartAsync(owner, quantumId, sourceId, ct);
            if (started.Succeeded) runs.Add(started.Value!.Id);
            else logger.LogWarning("Demo data: could not start onboarding {Quantum}: {Reason}", key, started.Message);
        }
        return runs;
    }

    private async Task WaitAsync(List<Guid> runs, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + Patience;
        foreach (var runId in runs)
        {
            while (true)
            {
                var run = await onboarding.GetRunAsync(runId, ct);
                if (run is null || run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled)
                {
                    if (run?.Status is RunStatus.Failed) logger.LogWarning("Demo data: onboarding run {Run} failed: {Error}", runId, run.Error);
                    break;
                }
                if (clock.GetUtcNow() > deadline)
                {
                    logger.LogWarning("Demo data: gave up waiting for onboarding run {Run} after {Patience}.", runId, Patience);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }
}

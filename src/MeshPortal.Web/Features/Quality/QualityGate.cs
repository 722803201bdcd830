using System.Globalization;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Quality;
using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Quality;

/// <summary>
/// Block publishing on failure: just before an onboarding publishes, checks the new (staged) data of the run's object
/// against the contract's rules and refuses the publish when a rule of severity error fails. The check is recorded as a
/// quality run (triggered by "onboarding", linked to the onboarding run, <see cref="QualityRun.CheckedBeforePublish"/>),
/// so the owner sees which rules blocked it; it never decides the quantum's standing, which describes the published data.
/// </summary>
public sealed class QualityGate(IDbContextFactory<MeshDbContext> factory, QualityEngine engine, TimeProvider clock, ILogger<QualityGate> logger)
{
    /// <summary>Null to publish; otherwise why not, in words the onboarding run shows as its error.</summary>
    public async Task<string?> CheckAsync(Guid quantumId, Guid onboardingRunId, NormalizedContract contract, string objectName,
        DuckDBConnection connection, Func<string, string?> tableOfObject, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        // Only the run's object changes; the other objects' rules say nothing about this publish.
        var checkedContract = contract with { Objects = contract.Objects.Where(o => string.Equals(o.Name, objectName, StringComparison.OrdinalIgnoreCase)).ToList() };
        var results = await engine.RunAsync(connection, checkedContract, tableOfObject, ct);

        var run = new QualityRun
        {
            QuantumId = quantumId,
            ContractId = contract.Id,
            ContractVersion = contract.Version,
            OnboardingRunId = onboardingRunId,
            TriggeredBy = QualityTriggers.Onboarding,
            Status = RunStatus.Succeeded,
            CheckedBeforePublish = true,
            QueuedAt = started,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow(),
        };
        QualityOutcomes.Score(run, results);
        run.BlockedPublish = run.FailsContract;
        run.Results = QualityOutcomes.ToEntities(results);
        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            db.QualityRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (!run.FailsContract) return null;

        var failing = results.Where(r => r.Status == RuleStatus.Failed && QualityOutcomes.IsErrorSeverity(r.Severity)).ToList();
        logger.LogInformation("Onboarding run {RunId} of quantum {QuantumId} not published: {Count} error-severity rule(s) failed (quality run {QualityRunId})",
            onboardingRunId, quantumId, failing.Count, run.Id);
        var listed = string.Join("; ", failing.Take(5).Select(Describe)) + (failing.Count > 5 ? $"; and {failing.Count - 5} more" : "");
        return $"Not published: the new data fails {failing.Count} error-severity quality rule{(failing.Count == 1 ? "" : "s")} of {contract.Id} {contract.Version} "
               + $"({listed}), and this quantum blocks publishing on failure. The published data is unchanged. See quality run {run.Id}.";
    }

    private static string Describe(RuleResult r)
    {
        var where = r.Property is null ? r.Object : $"{r.Object}.{r.Property}";
        var value = r.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + (r.Unit is "percent" ? " %" : r.Unit is null or "rows" ? "" : " " + r.Unit) : "?";
        return $"{r.Rule} on {where}: {value}, {r.Operator} {r.Threshold}";
    }
}

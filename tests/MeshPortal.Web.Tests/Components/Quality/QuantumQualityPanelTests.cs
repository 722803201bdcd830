using Bunit;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Components.Quality;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Tests.Components.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Components.Quality;

/// <summary>
/// The quantum page's Quality tab on the real services: empty states, the last run's results failing first with the
/// trend, a run followed live, and the settings. Runs are written straight into the database the way the quality job
/// writes them (the test app runs no job server), on a quantum registered for each test.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class QuantumQualityPanelTests(PortalFactory portal) : OnboardingComponentTest(portal)
{
    private IRenderedComponent<QuantumQualityPanel> RenderPanel(Guid quantumId, string username)
    {
        SignInAs(username);
        RenderProviders();
        return Render<QuantumQualityPanel>(p => p.Add(x => x.QuantumId, quantumId));
    }

    [Fact]
    public async Task QuantumWithoutData_TellsAMemberToOnboardFirst_AndPointsToTheDataTab()
    {
        var id = await RegisterQuantumAsync();

        var cut = RenderPanel(id, Owner);

        cut.WaitForAssertion(() => Assert.Contains("No quality run yet — onboard data first", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Equal($"/quanta/{id}?tab=data", cut.Find("[data-testid=empty-state] a[href*='tab=data']").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=quality-run-now]").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("[data-testid=quality-settings] [data-testid=quality-cron]"));
    }

    [Fact]
    public async Task QuantumWithoutData_ShowsAConsumerTheEmptyState_WithoutAnyWriteAction()
    {
        var id = await RegisterQuantumAsync();

        var cut = RenderPanel(id, Consumer);

        cut.WaitForAssertion(() => Assert.Contains("No quality run yet — onboard data first", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=quality-run-now]"));
        Assert.Empty(cut.FindAll("[data-testid=quality-settings]"));
    }

    [Fact]
    public async Task LastRun_FailingAnErrorRule_ShowsTheBanner_ResultsFailingFirst_CustomNotExecuted_AndTheTrend()
    {
        var id = await RegisterQuantumAsync();
        var now = DateTimeOffset.UtcNow;
        await AddRunAsync(id, now.AddDays(-2), Passing("rowCount"), Passing("nullValues"));
        await AddRunAsync(id, now.AddDays(-1), Passing("rowCount"), Failing("nullValues", "warning"));
        var last = await AddRunAsync(id, now.AddMinutes(-5),
            Passing("rowCount"), Custom(), Failing("duplicateValues", "error"), Failing("nullValues", "warning"),
            Error("invalidValues", "malformed pattern '([a-z': missing )"));

        var cut = RenderPanel(id, Consumer);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=fails-contract]")));
        Assert.Contains("duplicateValues", cut.Find("[data-testid=breaking-rules]").TextContent);
        Assert.DoesNotContain("nullValues", cut.Find("[data-testid=breaking-rules]").TextContent);
        Assert.Equal(
            "duplicateValues nullValues invalidValues rowCount custom:soda:",
            string.Join(' ', cut.FindAll("[data-testid=rule-results] tr[data-testid=rule-result]").Select(r => r.GetAttribute("data-rule"))));
        Assert.Equal("not executed by MeshPortal", cut.Find("tr[data-rule='custom:soda:'] [data-testid=rule-outcome]").TextContent.Trim());
        Assert.Contains("malformed pattern", cut.Find("tr[data-rule=invalidValues] [data-testid=rule-reason]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=count-failed]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=quality-trend]").GetAttribute("data-points"));
        Assert.NotNull(cut.Find("[data-testid=quality-trend-score] svg"));
        Assert.Equal(3, cut.FindAll("[data-testid=quality-history] tbody tr[data-status]").Count);
        Assert.Equal("true", cut.Find($"[data-testid=quality-run-{last}]").GetAttribute("data-fails"));
    }

    [Fact]
    public async Task HistoryRow_OpensToThatRunsResults()
    {
        var id = await RegisterQuantumAsync();
        var older = await AddRunAsync(id, DateTimeOffset.UtcNow.AddDays(-1), Failing("rowCount", "error"));
        await AddRunAsync(id, DateTimeOffset.UtcNow.AddMinutes(-1), Passing("rowCount"));
        var cut = RenderPanel(id, Owner);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-testid=quality-run-toggle-{older}]")));

        cut.Find($"[data-testid=quality-run-toggle-{older}]").Click();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find($"[data-testid=run-results-{older}] tr[data-testid=rule-result]").GetAttribute("data-outcome")));
    }

    [Fact]
    public async Task QueuedRun_IsFollowedLive_UntilItsResultsShow()
    {
        var id = await RegisterQuantumAsync();
        var run = await AddRunAsync(id, DateTimeOffset.UtcNow, status: RunStatus.Queued);
        var cut = RenderPanel(id, Owner);
        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("[data-testid=quality-run-panel]").GetAttribute("data-status")));
        Assert.Contains("Waiting for a worker", cut.Find("[data-testid=quality-run-status-text]").TextContent);
        Assert.True(cut.Find("[data-testid=quality-run-now]").HasAttribute("disabled"));

        await UpdateQualityRunAsync(run, r => (r.Status, r.StartedAt) = (RunStatus.Running, DateTimeOffset.UtcNow));
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("[data-testid=quality-run-panel]").GetAttribute("data-status")));

        await using (var db = Get<IDbContextFactory<MeshDbContext>>().CreateDbContext())
        {
            db.QualityResults.Add(Entity(run, Failing("duplicateValues", "error"), 0));
            await db.SaveChangesAsync();
        }
        await UpdateQualityRunAsync(run, r => (r.Status, r.FinishedAt, r.Score, r.Failed, r.FailsContract) = (RunStatus.Succeeded, DateTimeOffset.UtcNow, 0, 1, true));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=quality-run-panel]")));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=fails-contract]")));
        Assert.Equal("failed", cut.Find("[data-testid=rule-results] tr[data-testid=rule-result]").GetAttribute("data-outcome"));
    }

    [Fact]
    public async Task Member_TurnsOnBlockPublishing_AndItIsSaved()
    {
        var id = await RegisterQuantumAsync();
        var cut = RenderPanel(id, Engineer);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("input[data-testid=block-publish]").GetAttribute("aria-checked")));

        cut.Find("input[data-testid=block-publish]").Change(true);

        await cut.WaitForAssertionAsync(async () =>
            Assert.True((await Get<QualityService>().QuantumAsync(await CallerAsync(Engineer), id))!.BlockPublishOnFailure));
        Assert.Contains("not published", cut.Find("[data-testid=quality-settings]").TextContent);
    }

    [Fact]
    public async Task SavedSchedule_IsShownInWords_AndReadOnlyToAConsumer()
    {
        var id = await RegisterQuantumAsync();
        var saved = await Get<QualityService>().SetScheduleAsync(await CallerAsync(Owner), id, "0 6 * * *");
        Assert.True(saved.Succeeded, saved.Message);
        await AddRunAsync(id, DateTimeOffset.UtcNow.AddMinutes(-1), Passing("rowCount"));

        var member = RenderPanel(id, Owner);
        member.WaitForAssertion(() => Assert.Equal("0 6 * * *", member.Find("input#quality-cron").GetAttribute("value")));
        Assert.Contains("every day", member.Find("[data-testid=quality-settings]").TextContent, StringComparison.OrdinalIgnoreCase);

        SignInAs(Consumer);
        var consumer = Render<QuantumQualityPanel>(p => p.Add(x => x.QuantumId, id));
        consumer.WaitForAssertion(() => Assert.Contains("(0 6 * * *)", consumer.Find("[data-testid=quality-settings-readonly]").TextContent));
        Assert.Empty(consumer.FindAll("input#quality-cron"));
    }

    private static (string Rule, string Outcome, string? Severity, string? Message, string Type) Passing(string rule) => (rule, QualityOutcomes.Passed, "error", null, "library");
    private static (string, string, string?, string?, string) Failing(string rule, string severity) => (rule, QualityOutcomes.Failed, severity, null, "library");
    private static (string, string, string?, string?, string) Error(string rule, string message) => (rule, QualityOutcomes.Error, "error", message, "library");
    private static (string, string, string?, string?, string) Custom() =>
        ("custom:soda:", QualityOutcomes.NotExecuted, "error", "not executed by MeshPortal: a custom rule for the engine 'soda'", "custom");

    private static QualityResult Entity(Guid runId, (string Rule, string Outcome, string? Severity, string? Message, string Type) r, int position) => new()
    {
        QualityRunId = runId, Rule = r.Rule, Type = r.Type, Metric = r.Type == "library" ? r.Rule : null, Object = Object, Property = "order_id",
        Dimension = "completeness", Severity = r.Severity, Value = r.Outcome is QualityOutcomes.Passed or QualityOutcomes.Failed ? (r.Outcome == QualityOutcomes.Failed ? 2 : 0) : null,
        Unit = "rows", Operator = "mustBe", Threshold = "0", Outcome = r.Outcome, Message = r.Message, Position = position,
    };

    /// <summary>A run of sales-orders 1.1.0 as the quality job leaves it: its results, counts, score and verdict.</summary>
    private async Task<Guid> AddRunAsync(Guid quantumId, DateTimeOffset at, params (string Rule, string Outcome, string? Severity, string? Message, string Type)[] results) =>
        await AddRunAsync(quantumId, at, RunStatus.Succeeded, results);

    private async Task<Guid> AddRunAsync(Guid quantumId, DateTimeOffset at, RunStatus status, params (string Rule, string Outcome, string? Severity, string? Message, string Type)[] results)
    {
        var run = new QualityRun { QuantumId = quantumId, ContractId = "sales-orders", ContractVersion = "1.1.0", TriggeredBy = "seed", Status = status, QueuedAt = at };
        if (status == RunStatus.Succeeded) (run.StartedAt, run.FinishedAt) = (at, at.AddSeconds(2));
        run.Results = results.Select((r, i) => Entity(run.Id, r, i)).ToList();
        run.Passed = results.Count(r => r.Outcome == QualityOutcomes.Passed);
        run.Failed = results.Count(r => r.Outcome == QualityOutcomes.Failed);
        run.Errors = results.Count(r => r.Outcome == QualityOutcomes.Error);
        run.NotExecuted = results.Count(r => r.Outcome == QualityOutcomes.NotExecuted);
        run.Score = run.Passed + run.Failed == 0 ? null : run.Passed * 100.0 / (run.Passed + run.Failed);
        run.FailsContract = results.Any(r => r.Outcome == QualityOutcomes.Failed && r.Severity == "error");
        await using var db = Get<IDbContextFactory<MeshDbContext>>().CreateDbContext();
        db.QualityRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task UpdateQualityRunAsync(Guid runId, Action<QualityRun> change)
    {
        await using var db = Get<IDbContextFactory<MeshDbContext>>().CreateDbContext();
        var run = await db.QualityRuns.SingleAsync(r => r.Id == runId);
        change(run);
        await db.SaveChangesAsync();
    }
}

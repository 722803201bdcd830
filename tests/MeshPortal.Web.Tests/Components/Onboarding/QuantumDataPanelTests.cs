using Bunit;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Components.Onboarding;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Components.Onboarding;

/// <summary>The quantum page's Data tab on the real services: empty states, a run followed live, cancel, and who sees what.</summary>
[Collection(PortalCollection.Name)]
public sealed class QuantumDataPanelTests(PortalFactory portal) : OnboardingComponentTest(portal)
{
    private IRenderedComponent<QuantumDataPanel> RenderPanel(Guid quantumId, string username)
    {
        SignInAs(username);
        RenderProviders();
        return Render<QuantumDataPanel>(p => p.Add(x => x.QuantumId, quantumId));
    }

    [Fact]
    public async Task Member_OfAQuantumWithoutData_IsToldToAddASourceAndRunIt()
    {
        var id = await RegisterQuantumAsync();

        var cut = RenderPanel(id, Engineer);

        cut.WaitForAssertion(() => Assert.Contains("No data yet — add a source and run it", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=add-source]"));
        Assert.Empty(cut.FindAll("[data-testid=run-panel]"));
    }

    [Fact]
    public async Task Consumer_OfAQuantumWithoutData_IsToldTheOwnersHaveNotOnboarded_AndGetsNoWriteAction()
    {
        var id = await RegisterQuantumAsync();

        var cut = RenderPanel(id, Consumer);

        cut.WaitForAssertion(() => Assert.Contains("The owners have not onboarded data yet", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains("Sam Okafor", cut.Find("[data-testid=owner-contact]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=add-source]"));
    }

    [Fact]
    public async Task RunningRun_ShowsItsProgressLive_ThenItsOutcome()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        var run = await StartAsync(id, source.Id);

        var cut = RenderPanel(id, Engineer);

        // Queued: an indeterminate bar, nothing read yet, Cancel offered to a member.
        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("[data-testid=run-panel]").GetAttribute("data-status")));
        Assert.Equal("", cut.Find("[data-testid=run-progress]").GetAttribute("data-value"));
        Assert.Contains("Waiting for a worker", cut.Find("[data-testid=run-status-text]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=run-cancel]"));
        Assert.True(cut.Find($"[data-testid=run-{source.Name}]").HasAttribute("disabled"));

        // The job reports: reading the file, rows read so far estimated from the share read.
        await UpdateRunAsync(run.Id, r =>
        {
            (r.Status, r.Phase, r.RowsRead, r.RowsReadEstimated, r.Progress) = (RunStatus.Running, "silver", 1800, true, 0.25);
            (r.StartedAt, r.HeartbeatAt) = (DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        });
        cut.WaitForAssertion(() => Assert.Equal("25", cut.Find("[data-testid=run-progress]").GetAttribute("data-value")));
        Assert.Equal("≈ 1,800", cut.Find("[data-testid=run-read]").TextContent);
        Assert.Contains("≈ 1,800 rows read", cut.Find("[data-testid=run-status-text]").TextContent);

        // Then: validating, half-way, the rows counted. The panel polls and follows.
        await UpdateRunAsync(run.Id, r =>
            (r.Phase, r.RowsRead, r.RowsReadEstimated, r.RowsValid, r.RowsQuarantined, r.Progress) = ("silver", 4000, false, 3900, 100, 0.5));
        cut.WaitForAssertion(() => Assert.Equal("50", cut.Find("[data-testid=run-progress]").GetAttribute("data-value")));
        Assert.Contains("Reading and validating against the contract · 50%", cut.Find("[data-testid=run-status-text]").TextContent);
        Assert.Equal("4,000", cut.Find("[data-testid=run-read]").TextContent);
        Assert.Equal("3,900", cut.Find("[data-testid=run-valid]").TextContent);
        Assert.Equal("100", cut.Find("[data-testid=run-quarantined]").TextContent);
        Assert.Equal("done", cut.Find("[data-phase=bronze]").GetAttribute("data-state"));
        Assert.Equal("step", cut.Find("[data-phase=silver]").GetAttribute("aria-current"));
        Assert.Equal("pending", cut.Find("[data-phase=publishing]").GetAttribute("data-state"));

        // It fails: the bar stops, the error shows, Cancel goes and Run now comes back.
        await UpdateRunAsync(run.Id, r => (r.Status, r.FinishedAt, r.Error) = (RunStatus.Failed, DateTimeOffset.UtcNow, "column order_total: 'twelve' is not a number"));
        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("[data-testid=run-panel]").GetAttribute("data-status")));
        Assert.Contains("'twelve' is not a number", cut.Find("[data-testid=run-error]").TextContent);
        Assert.Equal("failed", cut.Find("[data-phase=silver]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("[data-testid=run-cancel]"));
        Assert.False(cut.Find($"[data-testid=run-{source.Name}]").HasAttribute("disabled"));
        Assert.Equal("failed", cut.Find($"[data-testid=history-{run.Id}]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task Member_CancelsAQueuedRun()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        var run = await StartAsync(id, source.Id);
        var cut = RenderPanel(id, Owner);
        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("[data-testid=run-panel]").GetAttribute("data-status")));

        cut.Find("[data-testid=run-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Equal("cancelled", cut.Find("[data-testid=run-panel]").GetAttribute("data-status")));
        Assert.Contains("Cancelled by sales-owner", cut.Find("[data-testid=run-error]").TextContent);
        Assert.Equal(RunStatus.Cancelled, (await Get<OnboardingService>().GetRunAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task Member_RunsASourceNow_FromTheSourcesList()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        var cut = RenderPanel(id, Engineer);
        cut.WaitForAssertion(() => Assert.Contains("orders-csv.csv", cut.Find($"[data-testid=source-{source.Name}]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=run-panel]"));

        cut.Find($"[data-testid=run-{source.Name}]").Click();

        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("[data-testid=run-panel]").GetAttribute("data-status")));
        var history = await Get<OnboardingService>().HistoryAsync(id);
        var queued = Assert.Single(history);
        Assert.Equal((source.Id, "engineer"), (queued.SourceId, queued.TriggeredBy));
    }

    [Fact]
    public async Task Consumer_SeesSourcesAndRuns_ButNoWriteAction()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        await StartAsync(id, source.Id);

        var cut = RenderPanel(id, Consumer);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=run-panel]")));
        Assert.NotNull(cut.Find($"[data-testid=source-{source.Name}]"));
        Assert.Empty(cut.FindAll("[data-testid=run-cancel]"));
        Assert.Empty(cut.FindAll($"[data-testid=run-{source.Name}]"));
        Assert.Empty(cut.FindAll($"[data-testid=delete-{source.Name}]"));
        Assert.Empty(cut.FindAll("[data-testid=add-source]"));
        Assert.Empty(cut.FindAll("[data-testid=schedule-save]"));
        Assert.NotNull(cut.Find("[data-testid=schedule-readonly]"));
        // The run history points on to every run of the domain, on the Jobs page.
        Assert.Equal("/job-runs?domain=sales", cut.Find("[data-testid=domain-runs]").GetAttribute("href"));
    }

    [Fact]
    public async Task Member_SchedulesASource_WithTheCronExplained()
    {
        var id = await RegisterQuantumAsync();
        var source = await AddCsvAsync(id);
        var cut = RenderPanel(id, Owner);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#schedule-cron")));

        cut.Find("#schedule-cron").Input("61 2 * * *");
        cut.WaitForAssertion(() => Assert.Contains("minute field", cut.Find("[data-testid=schedule-card]").TextContent));
        Assert.True(cut.Find("[data-testid=schedule-save]").HasAttribute("disabled"));

        cut.Find("#schedule-cron").Input("0 2 * * *");
        cut.WaitForAssertion(() => Assert.Contains("Every day at 02:00 UTC · next", cut.Find("[data-testid=schedule-card]").TextContent));
        cut.Find("[data-testid=schedule-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("scheduled", cut.Find($"[data-testid=source-{source.Name}]").TextContent));
        var settings = await Get<OnboardingService>().GetSettingsAsync(id);
        Assert.Equal(("0 2 * * *", source.Id), (settings.Cron, settings.ScheduledSourceId));
    }
}

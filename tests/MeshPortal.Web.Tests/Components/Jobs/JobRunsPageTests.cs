using Bunit;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Web.Components.Jobs;
using MeshPortal.Web.Components.Pages.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Components.Jobs;

/// <summary>The Jobs page on the real services and SQLite, with runs written into the database as the jobs write them.</summary>
public sealed class JobRunsPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private bool _providers;

    private IRenderedComponent<JobRunsPage> RenderPage(string? status = null, string? kind = null, string user = Owner)
    {
        SignInAs(user);
        if (!_providers) RenderProviders();
        _providers = true;
        // The filters come from the address, as when a shared link is opened.
        Navigation.NavigateTo(JobRunLinks.Href(JobRunLinks.Parse(kind, status, null, false)));
        var cut = Render<JobRunsPage>();
        cut.WaitForElement("[data-testid=jobs-running]");
        return cut;
    }

    private static string Stat(IRenderedComponent<JobRunsPage> cut, string key) => cut.Find($"[data-testid=jobs-{key}-value]").TextContent.Trim();

    private async Task<(Guid Loaded, Guid Checked, Guid Failed)> FinishedRunsAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var source = new DataSource { QuantumId = OrdersId, Name = "orders-upload", Kind = SourceKind.Upload, OutputPort = "order-lines", ObjectName = "sales_order" };
        db.DataSources.Add(source);
        var loaded = new OnboardingRun
        {
            QuantumId = OrdersId, SourceId = source.Id, ContractId = "sales-orders", ContractVersion = "1.1.0", ObjectName = "sales_order",
            Status = RunStatus.Succeeded, Phase = "done", RowsRead = 1200, RowsValid = 1195, RowsQuarantined = 5, TriggeredBy = Owner,
            QueuedAt = Now.AddMinutes(-30), StartedAt = Now.AddMinutes(-30), FinishedAt = Now.AddMinutes(-29),
        };
        var checkedRun = new QualityRun
        {
            QuantumId = OrdersId, ContractId = "sales-orders", ContractVersion = "1.1.0", Status = RunStatus.Succeeded, TriggeredBy = "onboarding",
            Score = 88.9, Passed = 8, Failed = 1, FailsContract = true, QueuedAt = Now.AddMinutes(-29), StartedAt = Now.AddMinutes(-29), FinishedAt = Now.AddMinutes(-28),
        };
        var failed = new OnboardingRun
        {
            QuantumId = OrdersId, SourceId = source.Id, ContractId = "sales-orders", ContractVersion = "1.1.0", ObjectName = "sales_order",
            Status = RunStatus.Failed, Phase = "silver", RowsRead = 10, Error = "The source has no column 'order_id' required by the contract.", TriggeredBy = "schedule",
            QueuedAt = Now.AddMinutes(-5), StartedAt = Now.AddMinutes(-5), FinishedAt = Now.AddMinutes(-4),
        };
        db.AddRange(loaded, checkedRun, failed);
        await db.SaveChangesAsync();
        return (loaded.Id, checkedRun.Id, failed.Id);
    }

    [Fact]
    public void NoRunYet_SaysWhereRunsStart()
    {
        var cut = RenderPage();

        Assert.Contains("No run yet", cut.Find("[data-testid=empty-state]").TextContent);
        Assert.Equal(["0", "0", "0", "0"], new[] { "running", "queued", "succeeded", "failed" }.Select(k => Stat(cut, k)));
        Assert.Contains("No run finished in the last 14 days", cut.Find("[data-testid=runs-per-day-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=hangfire-dashboard]"));
    }

    [Fact]
    public async Task Runs_ShowTheirOutcome_LinkToTheirTab_AndAFailureOpensItsError()
    {
        var (loaded, checkedRun, failed) = await FinishedRunsAsync();

        var cut = RenderPage();

        var rows = cut.FindAll("tr[data-kind]");
        Assert.Equal([failed.ToString(), checkedRun.ToString(), loaded.ToString()], rows.Select(r => r.GetAttribute("data-testid")!["job-run-".Length..]));
        Assert.Equal(["failed", "succeeded", "succeeded"], rows.Select(r => r.GetAttribute("data-status")));
        var loadedRow = cut.Find($"[data-testid=job-run-{loaded}]");
        Assert.Contains("1,195 valid · 5 quarantined", loadedRow.QuerySelector("[data-testid=job-run-outcome]")!.TextContent);
        Assert.Contains("orders-upload → sales_order", loadedRow.TextContent);
        Assert.Equal($"/quanta/{OrdersId}?tab=data", loadedRow.QuerySelector("[data-testid=job-run-quantum]")!.GetAttribute("href"));
        var checkedRow = cut.Find($"[data-testid=job-run-{checkedRun}]");
        Assert.Contains("88.9 %", checkedRow.TextContent);
        Assert.Contains("1 failed", checkedRow.TextContent);
        Assert.Contains("fails its contract", checkedRow.TextContent);
        Assert.Equal($"/quanta/{OrdersId}?tab=quality", checkedRow.QuerySelector("[data-testid=job-run-quantum]")!.GetAttribute("href"));
        Assert.Equal(["0", "0", "2", "1"], new[] { "running", "queued", "succeeded", "failed" }.Select(k => Stat(cut, k)));
        Assert.Equal("3", cut.Find("[data-testid=runs-per-day]").GetAttribute("data-total"));
        Assert.Contains("3 runs finished: 2 succeeded, 1 failed, 0 cancelled", cut.Find("[data-testid=runs-per-day-summary]").TextContent);

        Assert.Empty(cut.FindAll("[data-testid=job-run-error]"));
        cut.Find($"[data-testid=job-run-{failed}] [data-testid=job-run-toggle]").Click();
        Assert.Contains("no column 'order_id'", cut.Find("[data-testid=job-run-error]").TextContent);
    }

    [Fact]
    public async Task TheNewest100_ThenOlderOnesOnRequest()
    {
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.QualityRuns.AddRange(Enumerable.Range(1, 105).Select(i => new QualityRun
            {
                QuantumId = OrdersId, ContractId = "sales-orders", ContractVersion = "1.1.0", Status = RunStatus.Succeeded, TriggeredBy = "schedule",
                Score = 100, Passed = 3, QueuedAt = Now.AddHours(-i), StartedAt = Now.AddHours(-i), FinishedAt = Now.AddHours(-i).AddSeconds(2),
            }));
            await db.SaveChangesAsync();
        }

        var cut = RenderPage();
        Assert.Equal(100, cut.FindAll("tr[data-kind]").Count);
        Assert.Contains("The newest 100 runs", cut.Find("[data-testid=jobs-more]").TextContent);

        cut.Find("[data-testid=jobs-show-more]").Click();

        cut.WaitForAssertion(() => Assert.Equal(105, cut.FindAll("tr[data-kind]").Count));
        Assert.Empty(cut.FindAll("[data-testid=jobs-show-more]"));
    }

    [Fact]
    public async Task Filters_ComeFromTheAddress_AndAnEmptySelectionSaysSo()
    {
        var (_, checkedRun, failed) = await FinishedRunsAsync();

        var onlyFailed = RenderPage(status: "failed");
        Assert.Equal([$"job-run-{failed}"], onlyFailed.FindAll("tr[data-kind]").Select(r => r.GetAttribute("data-testid")));
        // The status narrows the list, not the figures.
        Assert.Equal("2", Stat(onlyFailed, "succeeded"));

        var onlyQuality = RenderPage(kind: "quality");
        Assert.Equal([$"job-run-{checkedRun}"], onlyQuality.FindAll("tr[data-kind]").Select(r => r.GetAttribute("data-testid")));
        Assert.Equal("1", Stat(onlyQuality, "succeeded"));

        var nothingActive = RenderPage(status: "active");
        Assert.Contains("Nothing is queued or running", nothingActive.Find("[data-testid=empty-state]").TextContent);
        nothingActive.Find("[data-testid=filter-clear]").Click();
        Assert.EndsWith("/job-runs", Navigation.Uri);
    }

    private async Task<Guid> QueuedRunAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var run = new OnboardingRun
        {
            QuantumId = OrdersId, SourceId = Guid.NewGuid(), ContractId = "sales-orders", ContractVersion = "1.1.0", ObjectName = "sales_order",
            TriggeredBy = Owner, QueuedAt = Now,
        };
        db.OnboardingRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    [Fact]
    public async Task AMemberOfTheDomain_CancelsAQueuedRun_FromTheList()
    {
        var id = await QueuedRunAsync();
        var cut = RenderPage();
        Assert.Equal("1", Stat(cut, "queued"));

        cut.Find($"[data-testid=job-run-{id}] [data-testid=job-run-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Equal("cancelled", cut.Find($"[data-testid=job-run-{id}]").GetAttribute("data-status")));
        Assert.Empty(cut.FindAll("[data-testid=job-run-cancel]"));
        Assert.Equal("0", Stat(cut, "queued"));
        await using var db = await Db.CreateDbContextAsync();
        var run = await db.OnboardingRuns.SingleAsync(r => r.Id == id);
        Assert.Equal((RunStatus.Cancelled, true), (run.Status, run.FinishedAt is not null));
    }

    [Fact]
    public async Task AMemberWhoseRoleWasTakenAway_SinceThePageOpened_CannotCancel()
    {
        var id = await QueuedRunAsync();
        var cut = RenderPage(user: Engineer);
        await using (var db = await Db.CreateDbContextAsync())
            await db.DomainMembers.Where(m => m.User!.Username == Engineer).ExecuteDeleteAsync();

        cut.Find($"[data-testid=job-run-{id}] [data-testid=job-run-cancel]").Click();

        cut.WaitForAssertion(() => Assert.False(cut.Find($"[data-testid=job-run-{id}] [data-testid=job-run-cancel]").HasAttribute("disabled")));
        await using var check = await Db.CreateDbContextAsync();
        Assert.Equal(RunStatus.Queued, (await check.OnboardingRuns.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task AConsumer_SeesTheRunUnderWay_ButNoCancel()
    {
        var id = await QueuedRunAsync();

        var cut = RenderPage(user: Consumer);

        Assert.Equal("queued", cut.Find($"[data-testid=job-run-{id}]").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("[data-testid=job-run-cancel]"));
    }

    [Fact]
    public async Task ARunningRun_ShowsItsProgress_AndThePageFollowsItToTheEnd()
    {
        Guid id;
        await using (var db = await Db.CreateDbContextAsync())
        {
            var run = new OnboardingRun
            {
                QuantumId = OrdersId, SourceId = Guid.NewGuid(), ContractId = "sales-orders", ContractVersion = "1.1.0", ObjectName = "sales_order",
                Status = RunStatus.Running, Phase = "silver", RowsRead = 500, Progress = 0.4, TriggeredBy = Owner,
                QueuedAt = Now.AddSeconds(-20), StartedAt = Now.AddSeconds(-20), HeartbeatAt = Now,
            };
            db.OnboardingRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }

        var cut = RenderPage();
        Assert.Equal("1", Stat(cut, "running"));
        Assert.Contains("silver · 500 rows read", cut.Find($"[data-testid=job-run-{id}]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=job-run-progress]"));
        Assert.Single(cut.FindAll("[data-testid=jobs-live]"));

        await using (var db = await Db.CreateDbContextAsync())
            await db.OnboardingRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Succeeded).SetProperty(r => r.Phase, "done").SetProperty(r => r.RowsRead, 1000)
                .SetProperty(r => r.RowsValid, 990).SetProperty(r => r.RowsQuarantined, 10).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => Assert.Equal("succeeded", cut.Find($"[data-testid=job-run-{id}]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Contains("990 valid · 10 quarantined", cut.Find($"[data-testid=job-run-{id}]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=jobs-live]"));
        Assert.Equal(["0", "1"], new[] { "running", "succeeded" }.Select(k => Stat(cut, k)));
    }
}

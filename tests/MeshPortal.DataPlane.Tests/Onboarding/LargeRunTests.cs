using MeshPortal.DataPlane.Onboarding;
using MeshPortal.DataPlane.Tests.Support;
using static MeshPortal.DataPlane.Tests.Support.Contracts;

namespace MeshPortal.DataPlane.Tests.Onboarding;

[Collection(LargeFileCollection.Name)]
public sealed class LargeRunTests(LargeEvents large) : IDisposable
{
    readonly Workspace _workspace = new();

    [Fact]
    public async Task ALargeFile_KeepsItsOrder_AndTheProgressBarMovesDuringThePass()
    {
        var contract = Object("events",
            Property("id", "integer", primaryKey: true), Property("name"), Property("amount", "number"),
            Property("kind", validValues: LargeEvents.Kinds.Where(k => k != "save").ToList()));
        var log = new ProgressLog();
        var result = await _workspace.RunAsync(Workspace.Csv(large.Path), contract, progress: log);

        var saves = LargeEvents.Rows / LargeEvents.Kinds.Length;
        Assert.Equal((LargeEvents.Rows, LargeEvents.Rows - saves, saves), (result.RowsRead, result.RowsValid, result.RowsQuarantined));
        // Silver is in source order (ids only grow along the table), and so is the quarantine.
        Assert.Equal(0L, Convert.ToInt64((await _workspace.QueryAsync(
            "SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY rowid) AS before FROM silver.events) WHERE id <= before"))[0][0]));
        Assert.Equal(0L, Convert.ToInt64((await _workspace.QueryAsync(
            "SELECT count(*) FROM (SELECT _row_number, lag(_row_number) OVER (ORDER BY rowid) AS before FROM quarantine.events) WHERE _row_number <= before"))[0][0]));

        // DuckDB's query progress moved the bar inside the one pass over the file (silver), not only between phases, and
        // rows read with it, as an estimate (the rows expected from the file's first megabyte × the share read), until the count.
        Assert.Contains(log.Reports, r => r.Phase == OnboardingPhase.Silver && r.Fraction is > 0.05 and < 0.71);
        Assert.Contains(log.Reports, r => r is { Phase: OnboardingPhase.Silver, RowsReadEstimated: true, RowsRead: > 0 and < LargeEvents.Rows });
        Assert.All(log.Reports, r => Assert.True(r.RowsRead <= LargeEvents.Rows * 1.02, $"estimate {r.RowsRead}"));
        var counted = log.Reports.SkipWhile(r => r.RowsReadEstimated || r.RowsRead == 0).ToList();
        Assert.NotEmpty(counted);
        Assert.All(counted, r => Assert.Equal((LargeEvents.Rows, false), (r.RowsRead, r.RowsReadEstimated)));
    }

    public void Dispose() => _workspace.Dispose();
}

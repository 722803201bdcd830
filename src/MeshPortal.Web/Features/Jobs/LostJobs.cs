using Hangfire;
using Hangfire.States;

namespace MeshPortal.Web.Features.Jobs;

/// <summary>Which of our queued runs' Hangfire jobs will never run: the recovery of onboarding and quality runs fails those runs.</summary>
public static class LostJobs
{
    /// <summary>
    /// The ids of the <paramref name="runs"/> whose job Hangfire no longer has, or has in a state it will not run from
    /// (succeeded, failed, deleted); a run without a job id is lost too. One storage connection for them all.
    /// </summary>
    public static List<Guid> Of(JobStorage storage, IReadOnlyCollection<(Guid Id, string? JobId)> runs)
    {
        if (runs.Count == 0) return [];
        using var connection = storage.GetConnection();
        string[] over = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];
        return runs.Where(run => run.JobId is null || connection.GetJobData(run.JobId)?.State is not { } state || over.Contains(state))
            .Select(run => run.Id).ToList();
    }
}

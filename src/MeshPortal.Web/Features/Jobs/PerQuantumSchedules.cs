using Hangfire;
using Hangfire.Storage;

namespace MeshPortal.Web.Features.Jobs;

/// <summary>
/// Recurring jobs that belong to one quantum each ("onboarding-&lt;id&gt;", "quality-&lt;id&gt;"): the features keep the
/// schedule in their own tables, and at start-up make Hangfire's list match it.
/// </summary>
public static class PerQuantumSchedules
{
    /// <summary>The ids of every recurring job Hangfire holds.</summary>
    public static List<string> RegisteredIds(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    /// <summary>
    /// Removes the per-quantum jobs named <paramref name="prefix"/> + a quantum id that are not <paramref name="wanted"/>.
    /// Other jobs sharing the prefix (e.g. "quality-freshness") are left alone: their suffix is not an id.
    /// </summary>
    public static void RemoveStale(IRecurringJobManager recurring, IEnumerable<string> registeredIds, string prefix, IReadOnlySet<string> wanted)
    {
        foreach (var id in registeredIds.Where(id => id.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(id[prefix.Length..], out _) && !wanted.Contains(id)))
            recurring.RemoveIfExists(id);
    }
}

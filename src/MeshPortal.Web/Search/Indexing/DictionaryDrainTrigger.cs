using Hangfire;

namespace MeshPortal.Web.Search.Indexing;

/// <summary>
/// Asks Hangfire for an outbox drain after a save. Failing to enqueue is not an error for the save (it is
/// committed, and its outbox row with it): the recurring drain catches up.
/// </summary>
public sealed class DictionaryDrainTrigger(IBackgroundJobClient jobs, ILogger<DictionaryDrainTrigger> logger)
{
    public void Request()
    {
        try
        {
            jobs.Enqueue<DictionaryIndexer>(indexer => indexer.DrainAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not enqueue a dictionary drain; the recurring drain will index the change.");
        }
    }
}

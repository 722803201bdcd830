using Hangfire;
using MeshPortal.Web.Data;
using MeshPortal.Web.Infrastructure;
using MeshPortal.Web.Search.Elasticsearch;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Search.Lucene;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeshPortal.Web.Search;

public static class SearchExtensions
{
    /// <summary>The quantum dictionary: Lucene in the data folder, or Elasticsearch when configured; kept current through the outbox.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SearchOptions.Section).Get<SearchOptions>() ?? new SearchOptions();
        builder.Services.Configure<SearchOptions>(builder.Configuration.GetSection(SearchOptions.Section));
        builder.Services.AddSingleton<IDictionaryIndex>(sp => options.Provider == SearchProvider.Elasticsearch
            ? new ElasticsearchDictionaryIndex(options.Elasticsearch, sp.GetRequiredService<ILogger<ElasticsearchDictionaryIndex>>())
            : new LuceneDictionaryIndex(sp.GetRequiredService<DataFolder>().File("dictionary"), sp.GetRequiredService<ILogger<LuceneDictionaryIndex>>()));
        builder.Services.AddSingleton<DictionaryProjection>();
        builder.Services.AddTransient<DictionaryIndexer>();
        builder.Services.AddSingleton<DictionaryDrainTrigger>();
        builder.Services.AddSingleton<IInterceptor, DictionaryOutboxInterceptor>();
        builder.Services.AddHostedService<DictionaryJobsRegistration>();
        return builder;
    }
}

/// <summary>
/// Registers the recurring drain (a safety net behind the per-save trigger) and the nightly rebuild, and
/// catches the index up at start-up: a drain for what was saved while the app was down, or a full rebuild
/// when the index is empty but the database is not (a new index folder, a new cluster).
/// </summary>
internal sealed class DictionaryJobsRegistration(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    IDictionaryIndex index,
    IDbContextFactory<MeshDbContext> factory,
    TimeProvider clock,
    ILogger<DictionaryJobsRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DictionaryIndexer>(DictionaryIndexer.DrainRecurringId, i => i.DrainAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<DictionaryIndexer>(DictionaryIndexer.RebuildRecurringId, i => i.ScheduledRebuildAsync(CancellationToken.None), Cron.Daily(2));
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var hasMetadata = await db.Domains.AnyAsync(cancellationToken);
            var pendingOutbox = await db.DictionaryOutbox.AnyAsync(e => e.ProcessedAt == null, cancellationToken);
            if (hasMetadata && !pendingOutbox && await index.CountAsync(cancellationToken) == 0)
                await DictionaryIndexer.RequestRebuildAsync(factory, jobs, clock, "start-up", cancellationToken);
            else
                jobs.Enqueue<DictionaryIndexer>(i => i.DrainAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            // The portal still serves without the dictionary; the recurring jobs retry.
            logger.LogWarning(e, "Could not check the dictionary at start-up.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

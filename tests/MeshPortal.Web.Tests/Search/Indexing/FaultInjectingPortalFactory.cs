using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Search.Lucene;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeshPortal.Web.Tests.Search.Indexing;

/// <summary>
/// The real app (SQLite, Lucene in its data folder, the outbox interceptor, Hangfire storage) with the dictionary
/// wrapped in a <see cref="FaultInjectingDictionaryIndex"/>. No job server runs: the tests run the drain and the
/// rebuild themselves, through the app's own <see cref="DictionaryIndexer"/>, so they control when and how often.
/// </summary>
public sealed class FaultInjectingPortalFactory : PortalFactory
{
    public FaultInjectingDictionaryIndex Index => (FaultInjectingDictionaryIndex)Services.GetRequiredService<IDictionaryIndex>();

    /// <summary>The app's indexer (the class the Hangfire jobs run), wired to the faulty index.</summary>
    public DictionaryIndexer Indexer => Services.GetRequiredService<DictionaryIndexer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IDictionaryIndex>();
            services.AddSingleton<IDictionaryIndex>(_ => new FaultInjectingDictionaryIndex(new LuceneDictionaryIndex(Path.Combine(DataFolder, "dictionary"))));
        });
    }
}

using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Elasticsearch;
using MeshPortal.Web.Search.Lucene;
using MeshPortal.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>
/// The component base plus a real Lucene dictionary in a temp folder, filled with the conformance corpus and an entry
/// whose title and description are HTML, and a platform admin. The base has built its services already, so these come
/// in through a fallback provider.
/// </summary>
public abstract class SearchComponentTest : PortalComponentTest
{
    protected const string Admin = "platform-admin";
    protected const string ScriptSource = "contract:notes";

    protected static readonly DictionaryDocument ScriptColumn = new()
    {
        Id = "column:notes/notes.remark", Type = DictionaryTypes.Column, Source = ScriptSource,
        Title = "<script>alert('title')</script>remark", Description = "Free text <img src=x onerror=alert('description')> remark.",
        Domain = "sales", ContractId = "notes", ContractVersion = "1.0.0", Path = "notes.remark", Url = "/contracts/notes/versions/1.0.0#notes.remark",
        Status = "active",
    };

    private readonly string _indexFolder = Path.Combine(Path.GetTempPath(), "meshportal-bunit-index-" + Guid.NewGuid().ToString("N"));

    protected SearchComponentTest()
    {
        Lucene = new LuceneDictionaryIndex(_indexFolder);
        Index = new SwitchableIndex(Lucene);
        var extra = new ServiceCollection()
            .AddSingleton<IDictionaryIndex>(Index)
            .AddSingleton<IBackgroundJobClient>(Jobs)
            .BuildServiceProvider();
        Services.AddFallbackServiceProvider(extra);
        Lucene.ReplaceSourcesAsync([.. DictionaryCorpus.Sources, ScriptSource], [.. DictionaryCorpus.All, ScriptColumn]).GetAwaiter().GetResult();
        using var db = Db.CreateDbContext();
        db.Actor = "seed";
        db.Users.Add(new User
        {
            Subject = "local:" + Admin, Username = Admin, DisplayName = "Ada Admin", Email = "admin@example.test", CreatedAt = DateTimeOffset.UtcNow,
            GlobalRoles = [GlobalRole.PlatformAdmin],
        });
        db.SaveChanges();
    }

    protected LuceneDictionaryIndex Lucene { get; }
    protected SwitchableIndex Index { get; }
    protected RecordingJobClient Jobs { get; } = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Lucene.DisposeAsync();
        try { Directory.Delete(_indexFolder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    /// <summary>The real index, or a failure when a test sets one (a search cluster that is down, a refused query).</summary>
    public sealed class SwitchableIndex(IDictionaryIndex inner) : IDictionaryIndex
    {
        public Exception? Failure { get; set; }

        public Task ReplaceSourcesAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct = default) =>
            inner.ReplaceSourcesAsync(sources, documents, ct);

        public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default) =>
            Failure is { } e ? Task.FromException<SearchResult>(e) : inner.SearchAsync(request, ct);

        public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int limit = 8, CancellationToken ct = default) =>
            Failure is { } e ? Task.FromException<IReadOnlyList<Suggestion>>(e) : inner.SuggestAsync(prefix, limit, ct);

        public Task<long> RebuildAsync(IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress = null, CancellationToken ct = default) =>
            inner.RebuildAsync(documents, progress, ct);

        public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);

        public static ElasticsearchDictionaryException ClusterDown() => new("Elasticsearch could not be reached for the search: connection refused");
    }

    /// <summary>Hangfire's client, recording what was enqueued instead of running it.</summary>
    public sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Enqueued { get; } = [];

        public string Create(Job job, IState state)
        {
            lock (Enqueued) Enqueued.Add(job);
            return Enqueued.Count.ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}

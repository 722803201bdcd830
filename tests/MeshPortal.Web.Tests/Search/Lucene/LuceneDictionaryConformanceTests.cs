using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Lucene;

namespace MeshPortal.Web.Tests.Search.Lucene;

/// <summary>The conformance suite on the embedded backend: a Lucene index in a temp folder per test.</summary>
public sealed class LuceneDictionaryConformanceTests : DictionaryConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meshportal-dictionary-" + Guid.NewGuid().ToString("N"));

    protected override Task<IDictionaryIndex> CreateIndexAsync() => Task.FromResult<IDictionaryIndex>(new LuceneDictionaryIndex(_folder));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

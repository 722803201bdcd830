using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Lucene;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// The same query mix on both engines, one query at a time on one thread: Lucene through IDictionaryIndex.SearchAsync
/// (what the API calls: query building, search, facet counts, highlights, stored fields of one page), then SQL LIKE.
/// </summary>
public static class QueryPhase
{
    public static async Task<PhaseResult> RunAsync(string indexFolder, string likePath, int count, int warmup, bool skipSql = false)
    {
        var queries = QueryMix.Create(count);
        var rows = new List<QueryRow>();
        using var memory = new MemorySampler();

        await using (var index = new LuceneDictionaryIndex(indexFolder))
        {
            foreach (var (_, request) in QueryMix.Create(warmup, seed: 99)) await index.SearchAsync(request);
            rows.AddRange(Measure("Lucene", queries, request => index.SearchAsync(request).GetAwaiter().GetResult().Total));
        }
        if (!skipSql)
        {
            using var like = LikeSearch.Open(likePath);
            foreach (var (_, request) in QueryMix.Create(Math.Min(warmup, 10), seed: 99)) like.Search(request);
            rows.AddRange(Measure("SQL LIKE", queries, request => like.Search(request).Total));
        }
        var (rss, anon, heap, _) = memory.Peaks();
        return new PhaseResult(0, 0, 0, rss, anon, heap, "", rows);
    }

    private static IEnumerable<QueryRow> Measure(string engine, List<(string Kind, SearchRequest Request)> queries, Func<SearchRequest, long> search)
    {
        var latencies = new Latencies();
        var totals = queries.Select(q => latencies.Measure(() => search(q.Request))).ToList();
        yield return new QueryRow(engine, "all", queries.Count, latencies.Wall, latencies.Cpu, totals.Average());
        foreach (var kind in queries.Select(q => q.Kind).Distinct().Order())
        {
            var picked = Enumerable.Range(0, queries.Count).Where(i => queries[i].Kind == kind).ToList();
            var subset = latencies.Subset(picked);
            yield return new QueryRow(engine, kind, picked.Count, subset.Wall, subset.Cpu, picked.Average(i => totals[i]));
        }
    }
}

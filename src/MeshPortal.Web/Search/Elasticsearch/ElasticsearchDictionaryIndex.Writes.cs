using System.Runtime.CompilerServices;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using EsField = Elastic.Clients.Elasticsearch.Field;

namespace MeshPortal.Web.Search.Elasticsearch;

public sealed partial class ElasticsearchDictionaryIndex
{
    /// <summary>A bulk request carries at most this many documents (so a rebuild reports progress at least this often)…</summary>
    public const int BatchDocuments = 1_000;
    /// <summary>…and about this many bytes of JSON.</summary>
    public const int BatchBytes = 5 * 1024 * 1024;
    /// <summary>Page size when listing what the replaced sources hold.</summary>
    private const int ListPageSize = 5_000;

    private volatile bool _aliasKnown;

    /// <summary>
    /// Lists what the named sources (and the documents' own sources) hold, then sends one bulk (in batches if large)
    /// that indexes the new and changed documents and deletes the entries that are gone, then refreshes. The index only
    /// refreshes when told, so a search sees the replacement whole or not at all; a replay of an unchanged source
    /// writes nothing (idempotent, and relevance statistics do not drift).
    /// </summary>
    public async Task ReplaceSourcesAsync(IReadOnlyCollection<string> sources, IReadOnlyList<DictionaryDocument> documents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(documents);
        if (sources.Count == 0 && documents.Count == 0) return;
        try
        {
            await EnsureAliasAsync(ct);
            var replaced = sources.Concat(documents.Select(d => d.Source)).Distinct(StringComparer.Ordinal).ToList();
            var existing = await ListAsync(replaced, ct);

            var wanted = new Dictionary<string, ElasticsearchDocument>(StringComparer.Ordinal);
            foreach (var document in documents) wanted[document.Id] = ElasticsearchDocument.From(document); // the last of a repeated id wins
            var operations = wanted.Values
                .Where(d => !existing.TryGetValue(d.Id, out var hash) || hash != d.Hash)
                .Select(d => ((IBulkOperation)new BulkIndexOperation<ElasticsearchDocument>(d) { Id = d.Id }, EstimatedSize(d)))
                .Concat(existing.Keys.Where(id => !wanted.ContainsKey(id)).Select(id => ((IBulkOperation)new BulkDeleteOperation(id), 100L + id.Length)))
                .ToList();
            if (operations.Count == 0) return;

            await foreach (var batch in Batches(operations))
                await BulkAsync(_alias, batch, requireAlias: true, ct);
            await RefreshAsync(_alias, ct);
        }
        catch
        {
            _aliasKnown = false; // the alias may have been removed behind our back: check again next time
            throw;
        }
    }

    public async Task<long> RebuildAsync(IAsyncEnumerable<DictionaryDocument> documents, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var index = $"{_alias}-{_time.GetUtcNow().UtcDateTime:yyyyMMddHHmmssfff}";
        await SendAsync(() => _client.Indices.CreateAsync(DictionaryIndexDefinition.CreateIndexRequest(index), ct), $"creating index {index}", ct);

        long written = 0;
        IReadOnlyList<string> previous = [];
        var swapSent = false;
        try
        {
            await foreach (var batch in Batches(Operations(documents, ct), ct))
            {
                await BulkAsync(index, batch, requireAlias: false, ct);
                written += batch.Count;
                progress?.Report(written);
            }
            await RefreshAsync(index, ct);

            previous = await AliasedIndexesAsync(ct);
            // One atomic call: searches see the old index until they see the new one, never neither. MustExist makes a
            // rebuild that raced another one fail here instead of leaving the alias on two indexes.
            var actions = previous
                .Select(old => (IndexUpdateAliasesAction)new RemoveAction { Index = old, Alias = _alias, MustExist = true })
                .Append(new AddAction { Index = index, Alias = _alias })
                .ToList();
            swapSent = true;
            await SendAsync(() => _client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, ct),
                $"moving alias {_alias} to index {index}", ct);
        }
        catch (Exception e)
        {
            // The new index is dropped unless the swap may have happened (its answer lost): then it may be the live one.
            var swapped = swapSent && e is ElasticsearchDictionaryException { StatusCode: null } or OperationCanceledException
                ? await AliasPointsToAsync(index)
                : false;
            if (swapped != false) _logger.LogWarning(e, "The answer to the alias swap to {Index} was lost; the index is kept", index);
            if (swapped == false) await TryDeleteIndexAsync(index);
            if (swapped != true) throw;
        }
        _aliasKnown = true;

        if (previous.Count > 0)
        {
            try
            {
                await SendAsync(() => _client.Indices.DeleteAsync(new DeleteIndexRequest(string.Join(',', previous)), CancellationToken.None),
                    $"deleting the previous index {string.Join(", ", previous)}", CancellationToken.None);
            }
            catch (ElasticsearchDictionaryException e)
            {
                // The swap is done and searches use the new index; the old one only wastes space.
                _logger.LogWarning(e, "The dictionary was rebuilt into {Index}, but the previous index could not be deleted", index);
            }
        }
        _logger.LogInformation("Rebuilt the dictionary into {Index} ({Count} entries) behind alias {Alias}", index, written, _alias);
        return written;
    }

    /// <summary>First start: creates the first index with the alias in one request (racing instances agree on its name).</summary>
    private async Task EnsureAliasAsync(CancellationToken ct)
    {
        if (_aliasKnown) return;
        var exists = await SendAsync(() => _client.Indices.ExistsAliasAsync(new ExistsAliasRequest(_alias), ct), $"looking up alias {_alias}", ct,
            acceptMissingIndex: true);
        if (!exists.Exists)
        {
            var index = $"{_alias}-initial";
            var created = await _client.Indices.CreateAsync(DictionaryIndexDefinition.CreateIndexRequest(index, _alias), ct);
            ct.ThrowIfCancellationRequested();
            if (created.IsValidResponse)
            {
                _logger.LogInformation("Created the first dictionary index {Index} behind alias {Alias}", index, _alias);
            }
            else if (created.ElasticsearchServerError?.Error?.Type == "resource_already_exists_exception")
            {
                // Another instance created it first, or it outlived its alias: (re)attach the alias, which is idempotent.
                var attach = new UpdateAliasesRequest { Actions = [new AddAction { Index = index, Alias = _alias }] };
                await SendAsync(() => _client.Indices.UpdateAliasesAsync(attach, ct), $"attaching alias {_alias} to {index}", ct);
            }
            else
            {
                throw ElasticsearchDictionaryException.From(created, $"creating the first index {index}");
            }
        }
        _aliasKnown = true;
    }

    private async Task<IReadOnlyList<string>> AliasedIndexesAsync(CancellationToken ct)
    {
        var response = await SendAsync(() => _client.Indices.GetAliasAsync(new GetAliasRequest((Names)_alias), ct), $"looking up alias {_alias}", ct,
            acceptMissingIndex: true);
        return response.ApiCallDetails?.HttpStatusCode == 404 || response.Aliases is null ? [] : response.Aliases.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>True/false when the cluster says whether the alias points to the index; null when it cannot tell.</summary>
    private async Task<bool?> AliasPointsToAsync(string index)
    {
        try
        {
            return (await AliasedIndexesAsync(CancellationToken.None)).Contains(index, StringComparer.Ordinal);
        }
        catch (ElasticsearchDictionaryException)
        {
            return null;
        }
    }

    /// <summary>Id → content hash of every entry of the sources, paged in id order (search_after).</summary>
    private async Task<Dictionary<string, string?>> ListAsync(IReadOnlyCollection<string> sources, CancellationToken ct)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        var filter = new TermsQuery(new EsField(IndexFields.Source), new TermsQueryField(sources.Select(s => (FieldValue)s).ToArray()));
        ICollection<FieldValue>? after = null;
        while (true)
        {
            var request = new Elastic.Clients.Elasticsearch.SearchRequest(_alias)
            {
                Query = new BoolQuery { Filter = [filter] },
                Source = new SourceFilter { Includes = Fields.FromStrings([IndexFields.Id, IndexFields.Hash]) },
                Sort = [new FieldSort(new EsField(IndexFields.Id)) { Order = SortOrder.Asc }],
                Size = ListPageSize,
                SearchAfter = after,
                TrackTotalHits = false,
            };
            var response = await SendAsync(() => _client.SearchAsync<ElasticsearchDocument>(request, ct), "listing the entries to replace", ct);
            foreach (var hit in response.Hits)
            {
                if (hit.Id is not null) found[hit.Id] = hit.Source?.Hash;
            }
            if (response.Hits.Count < ListPageSize) return found;
            after = response.Hits.Last().Sort?.ToList();
            if (after is null) return found;
        }
    }

    private async Task BulkAsync(string index, IReadOnlyCollection<IBulkOperation> operations, bool requireAlias, CancellationToken ct)
    {
        var request = new BulkRequest(index)
        {
            Operations = new BulkOperationsCollection(operations),
            RequireAlias = requireAlias ? true : null,
        };
        var response = await SendAsync(() => _client.BulkAsync(request, ct), $"writing {operations.Count} entries", ct, acceptItemErrors: true);
        // A delete of an entry that is already gone answers 404: nothing to do.
        var failed = response.ItemsWithErrors.Where(i => !(i.Operation == "delete" && i.Status == 404)).ToList();
        if (failed.Count == 0) return;
        var first = failed[0];
        var reason = first.Error is { } error ? $"{error.Type}: {error.Reason}" : $"HTTP {first.Status}";
        throw new ElasticsearchDictionaryException(
            $"Elasticsearch refused {failed.Count} of {operations.Count} entries for index {index}; the first, '{first.Id}': {reason}", first.Status);
    }

    private Task RefreshAsync(string index, CancellationToken ct) =>
        SendAsync(() => _client.Indices.RefreshAsync(new RefreshRequest(index), ct), $"refreshing {index}", ct);

    private async Task TryDeleteIndexAsync(string index)
    {
        try
        {
            await _client.Indices.DeleteAsync(new DeleteIndexRequest(index), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not delete the unfinished dictionary index {Index}", index);
        }
    }

    private static async IAsyncEnumerable<(IBulkOperation, long)> Operations(IAsyncEnumerable<DictionaryDocument> documents,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var document in documents.WithCancellation(ct))
        {
            var doc = ElasticsearchDocument.From(document);
            yield return (new BulkIndexOperation<ElasticsearchDocument>(doc) { Id = doc.Id }, EstimatedSize(doc));
        }
    }

    /// <summary>Cuts operations into bulk requests of at most <see cref="BatchDocuments"/> operations and about <see cref="BatchBytes"/>.</summary>
    private static async IAsyncEnumerable<List<IBulkOperation>> Batches(IAsyncEnumerable<(IBulkOperation Operation, long Size)> operations,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var batch = new List<IBulkOperation>();
        var bytes = 0L;
        await foreach (var (operation, size) in operations.WithCancellation(ct))
        {
            batch.Add(operation);
            bytes += size;
            if (batch.Count < BatchDocuments && bytes < BatchBytes) continue;
            yield return batch;
            batch = [];
            bytes = 0;
        }
        if (batch.Count > 0) yield return batch;
    }

    private static IAsyncEnumerable<List<IBulkOperation>> Batches(IEnumerable<(IBulkOperation, long)> operations) =>
        Batches(operations.ToAsyncEnumerable());

    /// <summary>Roughly the JSON size of a document and its action line (UTF-16 length; enough to bound a batch).</summary>
    private static long EstimatedSize(ElasticsearchDocument d) =>
        300 + 2L * (d.Id.Length + d.Source.Length) + d.Title.Length + d.Url.Length
        + (d.Description?.Length ?? 0) + (d.Path?.Length ?? 0) + (d.Context?.Length ?? 0) + (d.Quantum?.Length ?? 0)
        + (d.ContractId?.Length ?? 0) + (d.QuantumId?.Length ?? 0) + (d.Owner?.Length ?? 0) + d.Tags.Sum(t => t.Length + 3);
}

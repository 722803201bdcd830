using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Elasticsearch;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>Why a search has no result to show, in words for the person who ran it.</summary>
public sealed record SearchFailure(string Title, string Detail, Severity Severity);

/// <summary>Runs a dictionary search for a page: a query the backend refuses or a search cluster that is down becomes a message, never a crash.</summary>
public static class DictionarySearch
{
    public static async Task<(SearchResult? Result, SearchFailure? Failure)> RunAsync(IDictionaryIndex index, SearchRequest request, ILogger logger, CancellationToken ct)
    {
        try
        {
            return (await index.SearchAsync(request, ct), null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (SearchQueryException e)
        {
            return (null, new SearchFailure("This search cannot run", e.Message, Severity.Warning));
        }
        catch (ElasticsearchDictionaryException e)
        {
            logger.LogWarning(e, "The search cluster did not answer a dictionary search");
            return (null, new SearchFailure("Search is unavailable right now",
                "The search service did not answer. The rest of the portal works; try again in a moment, or browse the domains and quanta meanwhile.", Severity.Error));
        }
        catch (Exception e)
        {
            logger.LogError(e, "A dictionary search failed");
            return (null, new SearchFailure("The search failed",
                "Something went wrong while searching. Try again; if it keeps failing, tell the platform team.", Severity.Error));
        }
    }
}

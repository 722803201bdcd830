using MeshPortal.Web.Components.Search;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Lucene;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Catalog;

/// <summary>The dictionary search. The address is the search (text, filters, page): it can be shared, and back and forward work.</summary>
public partial class CatalogPage : IDisposable
{
    private const int PageSize = 20;

    [Inject] private IDictionaryIndex Index { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<CatalogPage> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "domain")] public string? Domain { get; set; }
    [SupplyParameterFromQuery(Name = "tier")] public string? Tier { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] public string? Tag { get; set; }
    [SupplyParameterFromQuery(Name = "classification")] public string? Classification { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Catalog", null, disabled: true)];
    private SearchRequest? _searched;
    private SearchResult? _result;
    private SearchFailure? _failure;
    private bool _loading;
    private bool _isAdmin;
    private CancellationTokenSource? _running;

    private SearchRequest Current => new()
    {
        Text = Blank(Q), Type = Blank(Type), Domain = Blank(Domain), Tier = Blank(Tier), Tag = Blank(Tag),
        Classification = Blank(Classification), Status = Blank(Status), Page = Math.Max(PageNumber ?? 1, 1), PageSize = PageSize,
    };

    private bool HasQuery => Current.Text is not null || Current.Filters().Any();

    // Past the result window neither backend pages (Elasticsearch's max_result_window; Lucene follows it).
    private int PageCount => _result is null ? 0
        : (int)Math.Min(Math.Ceiling(_result.Total / (double)PageSize), LuceneDictionaryIndex.MaxResultWindow / PageSize);

    private string TotalText => _result is null ? "" : _result.Total switch
    {
        1 => "1 result",
        var n => $"{n:N0} results" + (PageCount > 1 ? $" · page {Current.Page} of {PageCount}" : ""),
    };

    protected override async Task OnInitializedAsync() => _isAdmin = (await CurrentCaller.GetAsync())?.IsPlatformAdmin == true;

    protected override async Task OnParametersSetAsync()
    {
        var request = Current;
        if (request == _searched) return;
        _searched = request;
        _running?.Cancel();
        if (!HasQuery)
        {
            (_result, _failure, _loading) = (null, null, false);
            return;
        }
        var running = _running = new CancellationTokenSource();
        _loading = true;
        try
        {
            var (result, failure) = await DictionarySearch.RunAsync(Index, request, Logger, running.Token);
            if (running.IsCancellationRequested) return;
            (_result, _failure) = (result, failure);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _loading = false;
    }

    private void Go(SearchRequest request) => Navigation.NavigateTo(CatalogLinks.For(request));

    private Task SearchAsync(string typed)
    {
        Go(CatalogQuery.Parse(typed, Current));
        return Task.CompletedTask;
    }

    private Task FilterAsync((string Facet, string? Value) filter)
    {
        Go(CatalogQuery.With(Current, filter.Facet, filter.Value));
        return Task.CompletedTask;
    }

    private Task RemoveFilterAsync(string facet) => FilterAsync((facet, null));

    private Task ClearFiltersAsync()
    {
        Go(new SearchRequest { Text = Current.Text });
        return Task.CompletedTask;
    }

    private Task GoToPageAsync(int page)
    {
        Go(Current with { Page = page });
        return Task.CompletedTask;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void Dispose()
    {
        _running?.Cancel();
        _running?.Dispose();
    }
}

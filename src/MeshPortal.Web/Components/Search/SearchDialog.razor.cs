using MeshPortal.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>The Ctrl+K dialog. It closes itself on navigation (opening a hit, a suggestion or the catalog).</summary>
public partial class SearchDialog : IDisposable
{
    public const int InlineHits = 8;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IDictionaryIndex Index { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<SearchDialog> Logger { get; set; } = default!;

    private SearchBox? _box;
    private string _text = "";
    private string _searchedText = "";
    private SearchResult? _result;
    private SearchFailure? _failure;
    private bool _loading;
    private CancellationTokenSource? _pending;

    public ValueTask FocusAsync() => _box?.FocusAsync() ?? ValueTask.CompletedTask;


    private void OnTextChanged(string text)
    {
        _text = text;
        _pending?.Cancel();
        if (string.IsNullOrWhiteSpace(text))
        {
            (_result, _failure, _loading) = (null, null, false);
            return;
        }
        _pending = new CancellationTokenSource();
        _ = SearchAfterPauseAsync(text.Trim(), _pending.Token);
    }

    private async Task SearchAfterPauseAsync(string text, CancellationToken ct)
    {
        try
        {
            await Task.Delay(SearchBox.Debounce, ct);
            await InvokeAsync(() => { _loading = true; StateHasChanged(); });
            var (result, failure) = await DictionarySearch.RunAsync(Index, new SearchRequest { Text = text, PageSize = InlineHits }, Logger, ct);
            if (ct.IsCancellationRequested) return;
            await InvokeAsync(() =>
            {
                (_result, _failure, _searchedText, _loading) = (result, failure, text, false);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task OpenCatalogAsync(string text)
    {
        Navigation.NavigateTo(CatalogLinks.For(CatalogQuery.Parse(text, new SearchRequest())));
        Close();
        return Task.CompletedTask;
    }

    // Escape from a hit's link (the box handles its own).
    private void OnKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape") Close();
    }

    private void Close() => Dialog.Close();

    public void Dispose() => _pending?.Cancel();
}

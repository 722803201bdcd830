using MeshPortal.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>
/// A search box with typeahead. Up and down walk the suggestions, Enter on one opens it, Enter without one runs the
/// search (<see cref="OnSearch"/>), Escape closes the list (or, when it is closed, raises <see cref="OnEscape"/>).
/// </summary>
public partial class SearchBox : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    [Inject] private IDictionaryIndex Index { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<SearchBox> Logger { get; set; } = default!;

    /// <summary>The text to show; a new value (back/forward, another search) replaces what was typed.</summary>
    [Parameter] public string? Text { get; set; }
    [Parameter] public EventCallback<string> TextChanged { get; set; }
    [Parameter] public EventCallback<string> OnSearch { get; set; }
    [Parameter] public EventCallback OnEscape { get; set; }
    [Parameter] public bool AutoFocus { get; set; }
    /// <summary>Suggestions in the flow of the page (in a dialog) rather than over it.</summary>
    [Parameter] public bool Inline { get; set; }
    [Parameter] public string AriaLabel { get; set; } = "Search the dictionary";
    [Parameter] public string Placeholder { get; set; } = "Quanta, contracts, columns… e.g. customer_id";
    [Parameter] public string? TestId { get; set; }
    [Parameter] public int SuggestionCount { get; set; } = 8;

    private readonly string _listId = "suggestions-" + Guid.NewGuid().ToString("N")[..8];
    private MudTextField<string>? _field;
    private string? _textParameter;
    private string _text = "";
    private IReadOnlyList<Suggestion> _suggestions = [];
    private bool _open;
    private int _active = -1;
    private CancellationTokenSource? _pending;

    private bool IsOpen => _open && _suggestions.Count > 0;
    private string? ActiveId => IsOpen && _active >= 0 ? OptionId(_active) : null;
    private string Announcement => IsOpen ? $"{_suggestions.Count} suggestion{(_suggestions.Count == 1 ? "" : "s")}; use the up and down arrows to choose." : "";
    private string OptionId(int index) => $"{_listId}-{index}";

    protected override void OnParametersSet()
    {
        if (Text == _textParameter) return;
        _textParameter = Text;
        _text = Text ?? "";
        Close();
    }

    public ValueTask FocusAsync() => _field?.FocusAsync() ?? ValueTask.CompletedTask;

    private async Task OnTextChangedAsync(string? value)
    {
        _text = value ?? "";
        await TextChanged.InvokeAsync(_text);
        Cancel();
        if (string.IsNullOrWhiteSpace(_text))
        {
            Close();
            return;
        }
        _pending = new CancellationTokenSource();
        _ = SuggestAsync(_text, _pending.Token);
    }

    private async Task SuggestAsync(string prefix, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Debounce, ct);
            var suggestions = await Index.SuggestAsync(prefix, SuggestionCount, ct);
            if (ct.IsCancellationRequested) return;
            await InvokeAsync(() =>
            {
                _suggestions = suggestions;
                _active = -1;
                _open = true;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // Typeahead is a convenience: when the index cannot answer, the box still searches on Enter.
            Logger.LogWarning(e, "Dictionary suggestions failed");
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown":
                if (_suggestions.Count == 0) return;
                _active = !IsOpen ? 0 : _active + 1 >= _suggestions.Count ? -1 : _active + 1;
                _open = true;
                break;
            case "ArrowUp":
                if (!IsOpen) return;
                _active = _active < 0 ? _suggestions.Count - 1 : _active - 1;
                break;
            case "Enter" or "NumpadEnter":
                if (IsOpen && _active >= 0) await ChooseAsync(_suggestions[_active]);
                else await SearchAsync();
                break;
            case "Escape":
                var wasOpen = IsOpen;
                Cancel();
                Close();
                if (!wasOpen) await OnEscape.InvokeAsync();
                break;
            case "Tab":
                Cancel();
                Close();
                break;
        }
    }

    private async Task SearchAsync()
    {
        Cancel();
        Close();
        await OnSearch.InvokeAsync(_text.Trim());
    }

    private Task ChooseAsync(Suggestion suggestion)
    {
        Cancel();
        Close();
        Navigation.NavigateTo(suggestion.Url);
        return Task.CompletedTask;
    }

    private void OnBlur(FocusEventArgs _)
    {
        Cancel();
        Close();
    }

    private async Task OnClearedAsync(MouseEventArgs _)
    {
        Cancel();
        Close();
        _text = "";
        await TextChanged.InvokeAsync(_text);
    }

    private void Close()
    {
        _open = false;
        _active = -1;
    }

    private void Cancel()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }

    public void Dispose() => Cancel();
}

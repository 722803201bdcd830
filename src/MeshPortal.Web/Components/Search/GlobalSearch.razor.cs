using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MeshPortal.Web.Components.Search;

/// <summary>
/// Registers the page-wide Ctrl+K listener (app.js) once the circuit is interactive, and opens one search dialog at a time.
/// </summary>
public partial class GlobalSearch
{
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private DotNetObjectReference<GlobalSearch>? _self;
    private IDialogReference? _open;
    private int _registration;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        _self = DotNetObjectReference.Create(this);
        _registration = await JS.InvokeAsync<int>("meshPortal.registerSearchShortcut", _self);
    }

    /// <summary>Called by app.js on Ctrl+K / Cmd+K.</summary>
    [JSInvokable]
    public Task OpenSearch() => InvokeAsync(OpenAsync);

    private async Task OpenAsync()
    {
        if (_open is { } open)
        {
            // Already open: put the cursor back in its box.
            if (open.Dialog is SearchDialog dialog) await dialog.FocusAsync();
            return;
        }
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Medium, FullWidth = true, Position = DialogPosition.TopCenter,
            // The box must be the dialog's first focusable element: its focus trap puts focus there (a close button
            // in the title would take it), hence the close button in the actions instead.
            CloseOnEscapeKey = false, CloseOnNavigation = true, CloseButton = false, DefaultFocus = DefaultFocus.FirstChild,
        };
        _open = await Dialogs.ShowAsync<SearchDialog>("Search the dictionary", options);
        _ = ForgetWhenClosedAsync(_open);
    }

    private async Task ForgetWhenClosedAsync(IDialogReference dialog)
    {
        await dialog.Result;
        if (ReferenceEquals(_open, dialog)) _open = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_self is null) return;
        try
        {
            await JS.InvokeVoidAsync("meshPortal.unregisterSearchShortcut", _registration);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
        _self.Dispose();
    }
}

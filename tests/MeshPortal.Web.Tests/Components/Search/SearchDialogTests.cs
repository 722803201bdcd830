using Bunit;
using MeshPortal.Web.Components.Search;
using MeshPortal.Web.Tests.Search;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>The Ctrl+K dialog: opened from the app bar button (or app.js), top hits inline, Enter for the full catalog.</summary>
public sealed class SearchDialogTests : SearchComponentTest
{
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<GlobalSearch> Button) RenderLayoutParts()
    {
        SignInAs(Consumer);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, Render<GlobalSearch>());
    }

    [Fact]
    public void TheAppBarButton_IsLabelled_AndRegistersTheShortcut()
    {
        var (_, button) = RenderLayoutParts();

        Assert.Equal("Search (Ctrl+K)", button.Find("[data-testid=open-search]").GetAttribute("aria-label"));
        JSInterop.VerifyInvoke("meshPortal.registerSearchShortcut");
    }

    [Fact]
    public async Task TheShortcut_OpensTheDialog_WhichShowsTheTopHitsHighlighted()
    {
        var (dialogs, button) = RenderLayoutParts();

        await button.InvokeAsync(() => button.Instance.OpenSearch());
        var box = dialogs.WaitForElement("input[aria-label='Search the dictionary']");
        box.Input("customer_id");

        dialogs.WaitForAssertion(() =>
        {
            var title = dialogs.Find($"[data-testid=dialog-results] [data-hit-id='{DictionaryCorpus.CustomerIdColumn.Id}'] [data-testid=hit-title]");
            Assert.Equal("customer_id", title.TextContent.Trim());
            Assert.NotEmpty(title.QuerySelectorAll("mark"));
        });
        Assert.True(dialogs.FindAll("[data-testid=dialog-results] [data-testid=search-hit]").Count <= SearchDialog.InlineHits);
        Assert.Equal("/catalog?q=customer_id", dialogs.Find("[data-testid=dialog-all-results]").GetAttribute("href"));
    }

    [Fact]
    public void Enter_OpensTheFullCatalog_AndEscapeCloses()
    {
        var (dialogs, button) = RenderLayoutParts();

        button.Find("[data-testid=open-search]").Click();
        var box = dialogs.WaitForElement("input[aria-label='Search the dictionary']");
        box.Input("orders");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });
        dialogs.WaitForAssertion(() => Assert.EndsWith("/catalog?q=orders", Navigation.Uri));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("input[aria-label='Search the dictionary']")));

        button.Find("[data-testid=open-search]").Click();
        dialogs.WaitForElement("input[aria-label='Search the dictionary']").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("input[aria-label='Search the dictionary']")));
    }
}

using Bunit;
using MeshPortal.Web.Components.Search;
using MeshPortal.Web.Tests.Search;
using Microsoft.AspNetCore.Components.Web;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>Typeahead: suggestions while typing, walked with the keyboard; Enter opens one, or runs the search without one.</summary>
public sealed class SearchBoxTests : SearchComponentTest
{
    private string? _searched;

    private IRenderedComponent<SearchBox> RenderBox()
    {
        SignInAs(Consumer);
        return Render<SearchBox>(p => p.Add(b => b.OnSearch, text => _searched = text));
    }

    [Fact]
    public void Typing_ShowsSuggestions_WithTypeAndContext()
    {
        var cut = RenderBox();

        cut.Find("input").Input("customer_i");

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=suggestion]"), s => s.TextContent.Contains("customer_id")));
        var input = cut.Find("input");
        Assert.Equal("combobox", input.GetAttribute("role"));
        Assert.Equal("true", input.GetAttribute("aria-expanded"));
        var first = cut.FindAll("[data-testid=suggestion]").First(s => s.TextContent.Contains("customer_id"));
        Assert.Contains("Column", first.TextContent);
        Assert.Contains("sales/orders", first.TextContent);
    }

    [Fact]
    public void ArrowDown_ThenEnter_OpensTheChosenSuggestion()
    {
        var cut = RenderBox();
        var input = cut.Find("input");
        input.Input("customer_id");
        cut.WaitForElement("[data-testid=suggestion]");

        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        var active = cut.WaitForElement("[data-testid=suggestion][aria-selected=true]");
        Assert.Contains("customer_id", active.TextContent);
        Assert.Equal(active.Id, cut.Find("input").GetAttribute("aria-activedescendant"));
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.EndsWith(DictionaryCorpus.CustomerIdColumn.Url, Uri.UnescapeDataString(Navigation.Uri)));
        Assert.Null(_searched);
    }

    [Fact]
    public void Enter_WithoutAChosenSuggestion_RunsTheSearch()
    {
        var cut = RenderBox();
        var input = cut.Find("input");
        input.Input("customer");
        cut.WaitForElement("[data-testid=suggestion]");

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("customer", _searched));
        Assert.Empty(cut.FindAll("[data-testid=suggestion]"));
    }

    [Fact]
    public void Escape_ClosesTheSuggestions()
    {
        var cut = RenderBox();
        cut.Find("input").Input("customer");
        cut.WaitForElement("[data-testid=suggestion]");

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=suggestion]")));
        Assert.Equal("false", cut.Find("input").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void WhenTheIndexFails_TheBoxStillSearchesOnEnter()
    {
        Index.Failure = SwitchableIndex.ClusterDown();
        var cut = RenderBox();

        cut.Find("input").Input("customer");
        Thread.Sleep(SearchBox.Debounce * 3);
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("customer", _searched));
        Assert.Empty(cut.FindAll("[data-testid=suggestion]"));
    }
}

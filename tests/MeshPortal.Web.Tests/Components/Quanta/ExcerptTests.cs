using MeshPortal.Web.Components.Quanta;

namespace MeshPortal.Web.Tests.Components.Quanta;

public sealed class ExcerptTests
{
    [Theory]
    [InlineData("Built from **orders** and the *customer master*: lifetime value.", "Built from orders and the customer master: lifetime value.")]
    [InlineData("## Use it for\n- order volumes\n- joining to `shipments`", "Use it for order volumes joining to shipments")]
    [InlineData("See [the wiki](https://wiki.example/x) ![logo](x.png) now", "See the wiki now")]
    [InlineData("| System | Holds |\n|---|---|\n| WMS | picking |", "System Holds WMS picking")]
    [InlineData("Join on `order_id`, _daily_", "Join on order_id, daily")]
    [InlineData("", "")]
    public void Of_StripsMarkdownToPlainText(string markdown, string expected) => Assert.Equal(expected, Excerpt.Of(markdown));

    [Fact]
    public void Of_CutsLongTextAtAWordWithAnEllipsis()
    {
        var excerpt = Excerpt.Of(string.Join(' ', Enumerable.Repeat("quantum", 50)), 40);
        Assert.True(excerpt.Length <= 41);
        Assert.EndsWith("quantum…", excerpt);
    }
}

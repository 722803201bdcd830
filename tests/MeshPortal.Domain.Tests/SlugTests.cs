namespace MeshPortal.Domain.Tests;

public class SlugTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("sales")]
    [InlineData("orders-eu")]
    [InlineData("customer-360")]
    [InlineData("a1")]
    [InlineData("x2-y3-z4")]
    public void Validate_WellFormedSlug_IsValid(string slug)
    {
        Assert.Null(Slug.Validate(slug));
        Assert.True(Slug.IsValid(slug));
    }

    [Fact]
    public void Validate_AtMaxLength_IsValid() => Assert.Null(Slug.Validate(new string('a', Slug.MaxLength)));

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("a", "at least 2")]
    public void Validate_MissingOrShort_SaysWhy(string? slug, string reason) =>
        Assert.Contains(reason, Slug.Validate(slug));

    [Fact]
    public void Validate_OverMaxLength_SaysTheLimit() =>
        Assert.Contains("at most 63", Slug.Validate(new string('a', Slug.MaxLength + 1)));

    [Theory]
    [InlineData("Sales")]
    [InlineData("1orders")]
    [InlineData("-orders")]
    [InlineData("orders-")]
    [InlineData("orders--eu")]
    [InlineData("orders_eu")]
    [InlineData("orders eu")]
    [InlineData("orders.eu")]
    [InlineData("ördérs")]
    [InlineData("orders/eu")]
    [InlineData(" orders")]
    public void Validate_BadCharactersOrShape_IsInvalid(string slug)
    {
        Assert.Contains("lowercase letters", Slug.Validate(slug));
        Assert.False(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("Orders (EU) — Daily", "orders-eu-daily")]
    [InlineData("Crème Brûlée Sales", "creme-brulee-sales")]
    [InlineData("Customer 360", "customer-360")]
    [InlineData("2024 Revenue", "revenue")]
    [InlineData("  Web   sessions (legacy)  ", "web-sessions-legacy")]
    [InlineData("already-a-slug", "already-a-slug")]
    [InlineData("UPPER_case.name", "upper-case-name")]
    public void Suggest_FromDisplayName_GivesReadableSlug(string name, string expected) =>
        Assert.Equal(expected, Slug.Suggest(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123 456")]
    [InlineData("—!?")]
    public void Suggest_WhenNothingUsable_ReturnsEmpty(string? name) => Assert.Equal("", Slug.Suggest(name));

    [Fact]
    public void Suggest_LongName_IsCutToMaxLengthWithoutTrailingHyphen()
    {
        var name = string.Join(" ", Enumerable.Repeat("quarterly revenue", 10));
        var slug = Slug.Suggest(name);
        Assert.True(slug.Length <= Slug.MaxLength, slug);
        Assert.True(Slug.IsValid(slug), slug);
    }

    [Theory]
    [InlineData("Orders (EU) — Daily")]
    [InlineData("Ünïcödé Dätä Pröduct")]
    [InlineData("42 things: the answer!")]
    [InlineData("a - b - c")]
    [InlineData("Sales pipeline")]
    public void Suggest_ForRealisticNames_IsAlwaysValid(string name) => Assert.True(Slug.IsValid(Slug.Suggest(name)), Slug.Suggest(name));
}

using MeshPortal.Web.Components.Quality;
using MudBlazor;

namespace MeshPortal.Web.Tests.Components.Quality;

public sealed class QualityTextTests
{
    [Theory]
    [InlineData("mustBe", "0", "rows", "must be 0 rows")]
    [InlineData("mustBe", "1", "rows", "must be 1 row")]
    [InlineData("mustNotBe", "0", null, "must be not 0")]
    [InlineData("mustBeGreaterThan", "100", "rows", "must be > 100 rows")]
    [InlineData("mustBeGreaterOrEqualTo", "99.5", "percent", "must be ≥ 99.5 %")]
    [InlineData("mustBeLessThan", "5", "percent", "must be < 5 %")]
    [InlineData("mustBeLessOrEqualTo", "1", "percent", "must be ≤ 1 %")]
    [InlineData("mustBeBetween", "[100, 120]", "rows", "must be between 100 and 120 rows")]
    [InlineData("mustNotBeBetween", "[0, 10]", null, "must not be between 0 and 10")]
    [InlineData(null, null, null, "–")]
    public void Expected_IsTheOperatorInWords(string? op, string? threshold, string? unit, string expected) =>
        Assert.Equal(expected, QualityText.Expected(op, threshold, unit));

    [Theory]
    [InlineData(0.4, "percent", "0.4 %")]
    [InlineData(3.0, "rows", "3 rows")]
    [InlineData(1.0, "rows", "1 row")]
    [InlineData(12500.0, null, "12,500")]
    [InlineData(null, "rows", "–")]
    public void Measured_CarriesItsUnit(double? value, string? unit, string expected) => Assert.Equal(expected, QualityText.Measured(value, unit));

    [Theory]
    [InlineData(100.0, "100 %", Color.Success)]
    [InlineData(90.0, "90 %", Color.Success)]
    [InlineData(83.333, "83.3 %", Color.Warning)]
    [InlineData(50.0, "50 %", Color.Error)]
    [InlineData(null, "–", Color.Default)]
    public void Score_IsRoundedAndColouredByItsBand(double? score, string text, Color color)
    {
        Assert.Equal(text, QualityText.Score(score));
        Assert.Equal(color, QualityText.ColorOf(score));
    }

    [Theory]
    [InlineData("error", true)]
    [InlineData(null, true)]
    [InlineData("warning", false)]
    [InlineData("info", false)]
    public void OnlyInfoAndWarning_LeaveTheContractStanding(string? severity, bool binds) => Assert.Equal(binds, QualityText.IsErrorSeverity(severity));
}

using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

/// <summary>Every operator at its boundary, pass and fail on both sides, measured on the 20-row table (rowCount = 20).</summary>
public sealed class OperatorTests : IDisposable
{
    private readonly QualityDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("mustBe: 20", true)]
    [InlineData("mustBe: 19", false)]
    [InlineData("mustBe: 21", false)]
    [InlineData("mustNotBe: 20", false)]
    [InlineData("mustNotBe: 19", true)]
    [InlineData("mustNotBe: 21", true)]
    [InlineData("mustBeGreaterThan: 19", true)]
    [InlineData("mustBeGreaterThan: 20", false)]
    [InlineData("mustBeGreaterOrEqualTo: 20", true)]
    [InlineData("mustBeGreaterOrEqualTo: 21", false)]
    [InlineData("mustBeLessThan: 21", true)]
    [InlineData("mustBeLessThan: 20", false)]
    [InlineData("mustBeLessOrEqualTo: 20", true)]
    [InlineData("mustBeLessOrEqualTo: 19", false)]
    [InlineData("mustBeBetween: [20, 25]", true)]
    [InlineData("mustBeBetween: [15, 20]", true)]
    [InlineData("mustBeBetween: [21, 25]", false)]
    [InlineData("mustBeBetween: [15, 19]", false)]
    [InlineData("mustNotBeBetween: [21, 25]", true)]
    [InlineData("mustNotBeBetween: [15, 19]", true)]
    [InlineData("mustNotBeBetween: [20, 25]", false)]
    [InlineData("mustNotBeBetween: [15, 20]", false)]
    public async Task Operators_hold_exactly_at_their_boundaries(string op, bool passes)
    {
        var results = await _db.RunAsync(QualityDatabase.Orders($"- metric: rowCount\n  {op}"));

        var r = Assert.Single(results);
        Assert.Equal((passes ? RuleStatus.Passed : RuleStatus.Failed, 20.0), (r.Status, r.Value!.Value));
        Assert.Equal(op.Split(':')[0], r.Operator);
    }

    [Theory]
    [InlineData("mustBeLessOrEqualTo: 10", true)]
    [InlineData("mustBeLessThan: 10", false)]
    [InlineData("mustBeGreaterOrEqualTo: 10", true)]
    [InlineData("mustBeGreaterThan: 10", false)]
    [InlineData("mustBeBetween: [0, 10]", true)]
    [InlineData("mustNotBeBetween: [0, 10]", false)]
    [InlineData("mustBeLessThan: 10.000001", true)]
    public async Task Percent_boundaries_are_exact(string op, bool passes)
    {
        // 2 null ids of 20 rows = 10 %.
        var results = await _db.RunAsync(QualityDatabase.Orders(
            propertyRules: new Dictionary<string, string> { ["id"] = $"- metric: nullValues\n  unit: percent\n  {op}" }));

        var r = Assert.Single(results);
        Assert.Equal((passes ? RuleStatus.Passed : RuleStatus.Failed, 10.0), (r.Status, r.Value!.Value));
    }

    [Fact]
    public void Between_operands_are_shown_as_a_pair_and_must_be_smallest_first()
    {
        var between = Threshold.Parse("mustBeBetween", System.Text.Json.Nodes.JsonNode.Parse("[100, 120]"), out var error);
        Assert.Null(error);
        Assert.Equal("[100, 120]", between!.OperandText);

        Assert.Null(Threshold.Parse("mustBeBetween", System.Text.Json.Nodes.JsonNode.Parse("[120, 100]"), out error));
        Assert.Contains("smallest number first", error);
        Assert.Null(Threshold.Parse("mustBeBetween", System.Text.Json.Nodes.JsonNode.Parse("5"), out error));
        Assert.Contains("two numbers", error);
        Assert.Null(Threshold.Parse("mustBe", System.Text.Json.Nodes.JsonNode.Parse("\"lots\""), out error));
        Assert.Contains("needs a number", error);
    }
}

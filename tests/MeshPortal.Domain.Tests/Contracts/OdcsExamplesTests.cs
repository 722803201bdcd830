using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

public class OdcsExamplesTests
{
    [Fact]
    public void AllEighteenOfficialExamplesAreFound() => Assert.Equal(18, Standards.Examples().Count());

    [Theory]
    [MemberData(nameof(Standards.Examples), MemberType = typeof(Standards))]
    public void Example_ParsesAndValidates(string example)
    {
        var doc = YamlJson.Parse(Standards.Example(example));
        Assert.Empty(OdcsSchema.Validate(doc));
    }

    [Theory]
    [MemberData(nameof(Standards.Examples), MemberType = typeof(Standards))]
    public void Example_RoundTripsThroughYamlWithTheSameValues(string example)
    {
        var original = YamlJson.Parse(Standards.Example(example));
        var exported = YamlJson.Write(original);
        var reread = YamlJson.Parse(exported);
        Assert.True(JsonNode.DeepEquals(original, reread), $"Values changed on the round trip:\n{exported}");
        Assert.Empty(OdcsSchema.Validate(reread));
    }

    [Theory]
    [MemberData(nameof(Standards.Examples), MemberType = typeof(Standards))]
    public void Example_DiffWithItselfHasNoChanges(string example)
    {
        var doc = (JsonObject)YamlJson.Parse(Standards.Example(example))!;
        Assert.Empty(ContractDiff.Compare(doc, (JsonObject)doc.DeepClone()).Changes);
    }
}

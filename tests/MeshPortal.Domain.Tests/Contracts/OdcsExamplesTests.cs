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

public class OdcsSchemaErrorsTests
{
    [Fact]
    public void InvalidEnum_IsReportedOnceAtItsPointer_WithoutEchoesOnSiblings()
    {
        var doc = YamlJson.Parse("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: bogus\n");
        var errors = OdcsSchema.Validate(doc);
        var error = Assert.Single(errors);
        Assert.Equal("/schema/0/properties/0/logicalType", error.Pointer);
    }

    [Fact]
    public void UnknownField_IsNamed()
    {
        var doc = YamlJson.Parse("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    colour: blue\n");
        var error = Assert.Single(OdcsSchema.Validate(doc));
        Assert.Equal("/schema/0/colour", error.Pointer);
        Assert.Contains("'colour' is not a field", error.Message);
    }

    [Fact]
    public void MissingRequiredFields_AreListed()
    {
        var errors = OdcsSchema.Validate(YamlJson.Parse("apiVersion: v3.1.0\nkind: DataContract\n"));
        Assert.Contains(errors, e => e.Message.Contains("id") && e.Message.Contains("version"));
    }
}

public class OdcsSchemaAlternativesTests
{
    [Fact]
    public void AnyOfThatPassed_IsNotReported_WhenAnotherFieldFails()
    {
        var doc = YamlJson.Parse("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nslaProperties:\n  - property: latency\n    value: 4\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: bogus\n");
        var error = Assert.Single(OdcsSchema.Validate(doc));
        Assert.Equal("/schema/0/properties/0/logicalType", error.Pointer);
    }
}

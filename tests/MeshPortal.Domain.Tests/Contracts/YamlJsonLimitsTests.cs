using System.Diagnostics;
using System.Text;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

public class YamlJsonLimitsTests
{
    [Fact]
    public void InvalidYaml_NamesLineAndColumn()
    {
        var e = Assert.Throws<DocumentFormatException>(() => YamlJson.Parse("id: x\nschema:\n  - name: [unclosed\n"));
        Assert.NotNull(e.Line);
        Assert.NotNull(e.Column);
        Assert.Contains("line", e.Message);
    }

    [Fact]
    public void AliasBomb_IsRefusedQuickly()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++) yaml.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n");
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<DocumentFormatException>(() => YamlJson.Parse(yaml.ToString()));
        Assert.Contains("expand to more than", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void DeepNesting_IsRefused()
    {
        var yaml = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        var e = Assert.Throws<DocumentFormatException>(() => YamlJson.Parse(yaml));
        Assert.Contains("deeper than 64", e.Message);
    }

    [Fact]
    public void OversizedDocument_IsRefused()
    {
        var e = Assert.Throws<DocumentFormatException>(() => YamlJson.Parse("x: " + new string('a', 5 * 1024 * 1024 + 1)));
        Assert.Contains("larger than 5 MB", e.Message);
    }

    [Fact]
    public void DuplicateKeys_AreRefusedWithTheirLine()
    {
        var e = Assert.Throws<DocumentFormatException>(() => YamlJson.Parse("id: a\nname: b\nid: c\n"));
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("v: 1.0.0", "\"1.0.0\"")]
    [InlineData("v: 42", "42")]
    [InlineData("v: 0.10", "0.10")]
    [InlineData("v: true", "true")]
    [InlineData("v: 'true'", "\"true\"")]
    [InlineData("v: ~", "null")]
    [InlineData("v: 2022-10-03", "\"2022-10-03\"")]
    public void Scalars_AreTypedByTheCoreSchema(string yaml, string json) =>
        Assert.Equal(json, YamlJson.Parse(yaml)!["v"]?.ToJsonString() ?? "null");

    [Fact]
    public void StringsThatLookLikeOtherTypes_AreQuotedOnWrite()
    {
        var doc = YamlJson.Parse("a: 'true'\nb: '42'\nc: 'null'\nd: plain\n");
        var written = YamlJson.Write(doc);
        Assert.Equal(doc!.ToJsonString(), YamlJson.Parse(written)!.ToJsonString());
    }
}

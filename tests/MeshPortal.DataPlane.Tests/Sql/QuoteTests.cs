using MeshPortal.DataPlane.Sql;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sql;

public sealed class QuoteTests : IDisposable
{
    readonly Workspace _workspace = new();

    [Fact]
    public void Identifier_DoublesQuotes() => Assert.Equal("\"order \"\"id\"\"\"", Quote.Identifier("order \"id\""));

    [Fact]
    public void Literal_DoublesSingleQuotes() => Assert.Equal("'O''Brien'", Quote.Literal("O'Brien"));

    [Fact]
    public void NulCharacter_IsRefused() => Assert.Throws<DataPlaneException>(() => Quote.Literal("a\0b"));

    [Fact]
    public async Task QuotedText_RoundTripsThroughDuckDb_WhateverItHolds()
    {
        var tricky = "x'); DROP TABLE t; --\"\n";
        var rows = await _workspace.QueryAsync($"SELECT {Quote.Literal(tricky)} AS {Quote.Identifier(tricky)}");
        Assert.Equal(tricky, rows[0][0]);
    }

    [Fact]
    public async Task JsonPath_ReachesMembersWhoseNamesHoldDotsAndQuotes()
    {
        const string json = """{"geo.v2": {"it's \"here\"": 42}}""";

        var rows = await _workspace.QueryAsync($"SELECT json_extract_string({Quote.Literal(json)}, {Quote.JsonPath(["geo.v2", "it's \"here\""])})");

        Assert.Equal("42", rows[0][0]);
    }

    public void Dispose() => _workspace.Dispose();
}

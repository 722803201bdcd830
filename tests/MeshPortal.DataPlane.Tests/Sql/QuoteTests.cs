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

    public void Dispose() => _workspace.Dispose();
}

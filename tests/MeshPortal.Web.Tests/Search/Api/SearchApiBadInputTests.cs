using System.Net;
using MeshPortal.Web.Search;
using MeshPortal.Web.Search.Indexing;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeshPortal.Web.Tests.Search.Api;

/// <summary>No query crashes the search: whatever is typed answers 200, and parameters out of range a 400 naming them.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchApiBadInputTests(PortalFactory portal) : IAsyncLifetime
{
    private HttpClient Consumer => portal.ClientFor("consumer");

    public async Task InitializeAsync() => await portal.Services.GetRequiredService<DictionaryIndexer>().DrainAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> QuerySyntax => new()
    {
        "+", "-", "&&", "||", "!", "(", ")", "{", "}", "[", "]", "^", "\"", "~", "*", "?", ":", "\\", "/",
        "+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /",
        "customer_id:*", "customer^2", "customer~", "cust*", "(customer OR order) AND NOT id", "[a TO z]", "{a TO z}",
        "customer\\", "/customer/", "title:customer", "customer && ||", "!!customer", "-customer", "+customer",
        "\"customer id", "customer \"id", "\"\"\"", "\"customer\" \"", "'; DROP TABLE Quanta; --", "%", "_", "%_%",
        "<script>alert(1)</script>", "\0", "\u200b", "😀 customer", "ü", "AND", "OR NOT", "*:*",
    };

    [Theory]
    [MemberData(nameof(QuerySyntax))]
    public async Task Search_QuerySyntaxCharacters_AnswerOk(string text)
    {
        var response = await Consumer.GetSearchAsync(("q", text));

        var result = await response.ReadAsync<SearchResult>();
        Assert.True(result.Total >= 0);
    }

    [Theory]
    [MemberData(nameof(QuerySyntax))]
    public async Task Suggest_QuerySyntaxCharacters_AnswerOk(string text)
    {
        var response = await Consumer.GetAsync("/api/v1/search/suggest" + SearchApiClient.QueryString([("q", text)]));

        Assert.NotNull(await response.ReadAsync<Suggestion[]>());
    }

    [Theory]
    [InlineData("\"customer id")]
    [InlineData("customer \"id")]
    public async Task Search_UnbalancedQuote_IsIgnored_WithANotice(string text)
    {
        var result = await Consumer.SearchAsync(text);

        Assert.Contains("quote", result.Notice);
        Assert.Contains(result.Hits, h => h.Title == "customer_id");
    }

    [Fact]
    public async Task Search_SyntaxAroundWords_IsPunctuation()
    {
        var plain = await Consumer.SearchAsync("customer id");

        var decorated = await Consumer.SearchAsync("+(customer && id)~ ! || *");

        Assert.Equal(plain.Total, decorated.Total);
        Assert.Equal(plain.Hits.Select(h => h.Id), decorated.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_VeryLongQuery_IsCut_WithANotice()
    {
        // 7,000 characters: as long as fits in Kestrel's default 8 KB request line once encoded.
        var text = "customer " + string.Concat(Enumerable.Repeat("x", 7000 - 9));

        var result = await Consumer.SearchAsync(text);

        Assert.Contains($"{SearchRequest.MaxQueryLength}", result.Notice);
        Assert.Equal(0, result.Total);
        Assert.Null((await Consumer.SearchAsync("customer")).Notice);
    }

    [Fact]
    public async Task Search_LongQueryOfManyWords_IsCut_AndStillSearches()
    {
        var text = string.Join(" ", Enumerable.Repeat("customer", 700));

        var result = await Consumer.SearchAsync(text);

        Assert.NotNull(result.Notice);
        Assert.Contains(result.Hits, h => h.Title == "customer_id");
    }

    [Fact]
    public async Task Search_QueryLongerThanTheRequestLine_IsRefusedByTheServer_NotAnError()
    {
        var response = await Consumer.GetSearchAsync(("q", new string('c', 10_000)));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("type=bogus", "type")]
    [InlineData("type=Column", "type")]
    public async Task Search_OutOfRangeParameter_Is400NamingIt(string query, string field)
    {
        var response = await Consumer.GetAsync("/api/v1/search?q=customer&" + query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task Search_UnreadableNumber_Is400NamingIt(string query, string field)
    {
        var response = await Consumer.GetAsync("/api/v1/search?q=customer&" + query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Search_PageSizeAtTheLimit_IsAccepted()
    {
        var result = await Consumer.SearchAsync(("q", "customer"), ("pageSize", SearchRequest.MaxPageSize));

        Assert.Equal(Math.Min(result.Total, SearchRequest.MaxPageSize), result.Hits.Count);
    }

    [Theory]
    [InlineData("q=%FF%FE")]
    [InlineData("q=%00customer")]
    [InlineData("q=customer&domain=%22%3B%20--")]
    [InlineData("q=customer&tag=*")]
    [InlineData("q=&type=&domain=&page=&pageSize=")]
    [InlineData("q=customer&q=order")]
    public async Task Search_OddQueryStrings_NeverFail(string query)
    {
        var response = await Consumer.GetAsync("/api/v1/search?" + query);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("limit=-1")]
    public async Task Suggest_LimitOutOfRange_IsClamped(string query)
    {
        var response = await Consumer.GetAsync("/api/v1/search/suggest?q=cu&" + query);

        var suggestions = await response.ReadAsync<Suggestion[]>();
        Assert.InRange(suggestions.Length, 1, 20);
    }
}

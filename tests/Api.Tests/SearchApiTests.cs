using System.Net;
using System.Net.Http.Json;

namespace Meditron.Api.Tests;

[Collection(GuidelineCollection.Name)]
public sealed class SearchApiTests(GuidelineFixture guidelines)
{
    [Fact]
    public async Task Search_ranks_the_passage_that_answers_first_with_its_page_and_link()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "Ringer lactate for severe dehydration in cholera", topK = 3 });
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("Ringer lactate for severe dehydration in cholera", body.GetProperty("query").GetString());
        var first = body.GetProperty("results")[0];
        Assert.Equal(guidelines.CholeraId, first.GetProperty("documentId").GetString());
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Contains("Ringer lactate", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/v1/documents/{guidelines.CholeraId}/content#page=1", first.GetProperty("url").GetString());
        Assert.True(body.GetProperty("results").GetArrayLength() <= 3);
    }

    [Fact]
    public async Task Search_filters_by_publisher()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "amoxicillin", filters = new { publishers = new[] { "MSF" } } });
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.Equal("MSF", r.GetProperty("publisher").GetString()));
    }

    [Fact]
    public async Task Bm25_mode_is_accepted_by_name()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "oral rehydration salts", mode = "bm25" });
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(guidelines.CholeraId, body.GetProperty("results")[0].GetProperty("documentId").GetString());
    }
}

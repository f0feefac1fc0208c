using System.Net;
using System.Net.Http.Json;
using Meditron.Core.Access;

namespace Meditron.Api.Tests;

/// <summary>A real ask, then its rating: the feedback holds the answer the ask kept, citations and all.</summary>
[Collection(GuidelineCollection.Name)]
public sealed class FeedbackAskTests(GuidelineFixture guidelines)
{
    [Fact]
    public async Task An_answer_from_ask_is_rated_by_its_request_id_and_listed_with_its_citations()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var admin = await guidelines.Factory.ClientWithScopesAsync(ApiScopes.Admin);
        const string question = "How is severe dehydration from cholera treated in adults?";
        using var asked = await client.PostAsJsonAsync("/v1/ask", new { question, engine = "extractive" });
        var answer = await ApiAssert.JsonAsync(asked, HttpStatusCode.OK);
        string requestId = answer.GetProperty("requestId").GetString()!;

        using var rated = await client.PostAsJsonAsync($"/v1/answers/{requestId}/feedback", new { helpful = false, categories = new[] { "wrong_page" }, question });
        string id = (await ApiAssert.JsonAsync(rated, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var item = await ApiAssert.JsonAsync(await admin.GetAsync($"/v1/feedback/{id}"), HttpStatusCode.OK);
        Assert.Equal(question, item.GetProperty("question").GetString());
        Assert.Equal("extractive", item.GetProperty("engine").GetString());
        Assert.Equal(answer.GetProperty("answer").GetString(), item.GetProperty("answer").GetProperty("answer").GetString());
        Assert.Equal(
            answer.GetProperty("citations").EnumerateArray().Select(c => (c.GetProperty("documentId").GetString(), c.GetProperty("page").GetInt32(), c.GetProperty("quote").GetString(), c.GetProperty("url").GetString())),
            item.GetProperty("answer").GetProperty("citations").EnumerateArray().Select(c => (c.GetProperty("documentId").GetString(), c.GetProperty("page").GetInt32(), c.GetProperty("quote").GetString(), c.GetProperty("url").GetString())));
        Assert.NotEmpty(item.GetProperty("answer").GetProperty("citations").EnumerateArray());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meditron.Api.Tests;

[Collection(GuidelineCollection.Name)]
public sealed class AskApiTests(GuidelineFixture guidelines)
{
    private const string Question = "How many days of amoxicillin for fast breathing pneumonia in a child?";

    [Fact]
    public async Task Ask_returns_a_cited_answer_from_the_current_edition_with_page_links()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = Question, engine = "extractive" });
        var answer = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.False(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.DoesNotContain(citations, c => c.GetProperty("documentId").GetString() == guidelines.Pneumonia2013Id); // superseded
        var current = Assert.Single(citations, c => c.GetProperty("documentId").GetString() == guidelines.Pneumonia2024Id);
        Assert.Equal("2024", current.GetProperty("edition").GetString());
        Assert.Equal(1, current.GetProperty("page").GetInt32());
        Assert.Contains("3 days", current.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/v1/documents/{guidelines.Pneumonia2024Id}/content#page=1", current.GetProperty("url").GetString());
        foreach (var citation in citations)
        {
            Assert.Contains($"[{citation.GetProperty("n").GetInt32()}]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
            Assert.EndsWith($"/content#page={citation.GetProperty("page").GetInt32()}", citation.GetProperty("url").GetString(), StringComparison.Ordinal);
        }

        using var pdf = await client.GetAsync(new Uri(current.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(GuidelineFixture.Pneumonia2024, await pdf.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Ask_with_superseded_editions_and_a_guideline_filter_may_cite_the_older_edition()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/ask", new
        {
            question = Question,
            engine = "extractive",
            includeSuperseded = true,
            filters = new { documentIds = new[] { guidelines.Pneumonia2013Id } },
        });
        var answer = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.All(answer.GetProperty("citations").EnumerateArray(), c => Assert.Equal("2013", c.GetProperty("edition").GetString()));
    }

    [Fact]
    public async Task Ask_outside_the_guidelines_abstains()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = "Which spacecraft landed on Titan in 2005?", engine = "extractive" });
        var answer = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task Async_ask_is_accepted_then_its_answer_is_fetched_by_id()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = Question, engine = "extractive", async = true });
        var accepted = await ApiAssert.JsonAsync(response, HttpStatusCode.Accepted);
        string location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/v1/answers/{accepted.GetProperty("requestId").GetString()}", location);

        var answer = await AnswerCalls.WaitForAnswerAsync(client, location, TimeSpan.FromSeconds(60));
        Assert.False(answer.GetProperty("abstained").GetBoolean());
        Assert.All(answer.GetProperty("citations").EnumerateArray(), c => Assert.StartsWith("http://localhost/v1/documents/", c.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Streamed_ask_sends_draft_deltas_then_the_checked_answer()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ask") { Content = JsonContent.Create(new { question = Question, engine = "extractive" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = await ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync());
        Assert.Contains(events, e => e.Type == "delta");
        var last = events[^1];
        Assert.Equal("answer", last.Type);
        Assert.All(events.SkipLast(1), e => Assert.Equal("delta", e.Type));
        var answer = JsonDocument.Parse(last.Data).RootElement;
        Assert.False(answer.GetProperty("abstained").GetBoolean());
        Assert.All(answer.GetProperty("citations").EnumerateArray(), c => Assert.Contains("#page=", c.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stream_true_in_the_body_streams_too()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = Question, engine = "extractive", stream = true });
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal("answer", events[^1].Type);
    }

    [Fact]
    public async Task An_unknown_answer_id_is_404_problem()
    {
        using var client = await guidelines.Factory.AskClientAsync();
        using var response = await client.GetAsync("/v1/answers/0123456789abcdef0123456789abcdef");
        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}

using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Meditron.Core.Access;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Meditron.Api.Tests.Integrations;

/// <summary>POST /v1/chat/completions and GET /v1/models through the official OpenAI .NET client, on real Kestrel.</summary>
[Collection(KestrelGuidelineCollection.Name)]
public sealed class OpenAiChatTests(KestrelGuidelineFixture server)
{
    private const string Question = "How many days of amoxicillin for fast breathing pneumonia in a child?";

    private OpenAIClientOptions Options => new() { Endpoint = new Uri(server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(60) };

    private ChatClient Chat(string? key = null, string model = "meditron-guidelines") =>
        new(model, new ApiKeyCredential(key ?? server.AskKey), Options);

    [Fact]
    public async Task A_question_is_answered_with_markers_sources_and_structured_citations()
    {
        ClientResult<ChatCompletion> result = await Chat().CompleteChatAsync(
            [new SystemChatMessage("You are a clinical assistant."), new UserChatMessage(Question)]);

        var completion = result.Value;
        string content = completion.Content[0].Text;
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("meditron-guidelines", completion.Model);
        Assert.Contains("[1]", content, StringComparison.Ordinal);
        Assert.Contains("3 days", content, StringComparison.Ordinal);
        Assert.Contains("\n\nSources:\n[1] Pneumonia in children, edition 2024, page 1 - http://127.0.0.1:", content, StringComparison.Ordinal);

        var message = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.False(message.GetProperty("abstained").GetBoolean());
        var citation = message.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.Equal("2024", citation.GetProperty("edition").GetString());
        Assert.Equal(1, citation.GetProperty("page").GetInt32());
        Assert.EndsWith("/content#page=1", citation.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains(citation.GetProperty("url").GetString()!, content, StringComparison.Ordinal);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal("extractive", completion.SystemFingerprint);
    }

    [Fact]
    public async Task A_streamed_answer_arrives_in_chunks_with_the_same_content()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        int updates = 0;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage(Question)]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }

        Assert.True(updates >= 3, $"{updates} updates");
        Assert.Equal(ChatFinishReason.Stop, finish);
        string streamed = text.ToString();
        Assert.Contains("[1]", streamed, StringComparison.Ordinal);
        Assert.Contains("3 days", streamed, StringComparison.Ordinal);
        Assert.Contains("\n\nSources:\n[1] Pneumonia in children, edition 2024, page 1", streamed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raw_stream_is_chat_completion_chunks_ending_with_done_and_carries_the_citations()
    {
        using var client = server.PlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "meditron-guidelines", stream = true, messages = new[] { new { role = "user", content = Question } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AskKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var citations = Assert.Single(chunks, c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("citations", out _))
            .GetProperty("choices")[0].GetProperty("delta").GetProperty("citations");
        Assert.Equal("2024", citations[0].GetProperty("edition").GetString());
    }

    [Fact]
    public async Task A_question_the_guidelines_do_not_cover_is_answered_by_saying_so()
    {
        ClientResult<ChatCompletion> result = await Chat().CompleteChatAsync([new UserChatMessage("Which spacecraft landed on Titan in 2005?")]);

        Assert.Contains("guidelines do not cover", result.Value.Content[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources:", result.Value.Content[0].Text, StringComparison.Ordinal);
        var message = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.True(message.GetProperty("abstained").GetBoolean());
        Assert.Empty(message.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task The_last_user_message_is_the_question()
    {
        ClientResult<ChatCompletion> result = await Chat().CompleteChatAsync(
        [
            new UserChatMessage("How is severe dehydration from cholera treated?"),
            new AssistantChatMessage("Give Ringer lactate intravenously [1]."),
            new UserChatMessage(Question),
        ]);

        var citations = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement
            .GetProperty("choices")[0].GetProperty("message").GetProperty("citations");
        Assert.NotEmpty(citations.EnumerateArray());
        Assert.All(citations.EnumerateArray(), c => Assert.Equal("Pneumonia in children", c.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Models_lists_meditron_guidelines_and_the_engine()
    {
        var models = new OpenAIModelClient(new ApiKeyCredential(server.AskKey), Options);

        OpenAIModelCollection listed = await models.GetModelsAsync();
        var ids = listed.Select(m => m.Id).ToList();
        Assert.Contains("meditron-guidelines", ids);
        Assert.Contains("extractive", ids);
        Assert.Equal("meditron-guidelines", (await models.GetModelAsync("meditron-guidelines")).Value.Id);
    }

    [Fact]
    public async Task An_unknown_key_is_401_in_openai_error_shape()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Chat(key: "mdk_never-issued-0000000000000000").CompleteChatAsync([new UserChatMessage(Question)]));

        Assert.Equal(401, e.Status);
        var error = ErrorOf(e.GetRawResponse()!.Content.ToString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_key_in_x_api_key_works_too_and_a_key_without_ask_is_403()
    {
        using var client = server.PlainClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", server.AskKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models")).StatusCode);

        using var ingestOnly = server.PlainClient();
        ingestOnly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.Factory.CreateKeyAsync(ApiScopes.Ingest));
        using var refused = await ingestOnly.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("insufficient_scope", ErrorOf(await refused.Content.ReadAsStringAsync()).GetProperty("code").GetString());

        using var anonymous = server.PlainClient();
        using var none = await anonymous.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("invalid_api_key", ErrorOf(await none.Content.ReadAsStringAsync()).GetProperty("code").GetString());
    }

    public static TheoryData<string> BodiesWithoutAQuestion => new()
    {
        """{"model":"meditron-guidelines","messages":[]}""",
        """{"model":"meditron-guidelines"}""",
        """{"model":"meditron-guidelines","messages":[{"role":"system","content":"Be brief."}]}""",
        """{"model":"meditron-guidelines","messages":[{"role":"user","content":"   "}]}""",
        """{"model":"meditron-guidelines","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x/y.png"}}]}]}""",
    };

    [Theory]
    [MemberData(nameof(BodiesWithoutAQuestion))]
    public async Task A_missing_or_empty_user_message_is_400_in_openai_error_shape(string body)
    {
        using var response = await PostAsync(body);

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var error = ErrorOf(text);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Unreadable_json_is_400_in_openai_error_shape()
    {
        using var response = await PostAsync("""{"messages": [""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", ErrorOf(await response.Content.ReadAsStringAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_404_model_not_found()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Chat(model: "gpt-4o").CompleteChatAsync([new UserChatMessage(Question)]));

        Assert.Equal(404, e.Status);
        var error = ErrorOf(e.GetRawResponse()!.Content.ToString());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("meditron-guidelines", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var client = server.PlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AskKey);
        return await client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private static JsonElement ErrorOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error");
}

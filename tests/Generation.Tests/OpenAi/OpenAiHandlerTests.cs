using Meditron.Core.Generation;
using Meditron.Generation.OpenAi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Meditron.Generation.Tests.OpenAi.OpenAiTestKit;

namespace Meditron.Generation.Tests.OpenAi;

/// <summary>The generation handler checking drafts that an OpenAI-compatible server wrote.</summary>
public sealed class OpenAiHandlerTests
{
    private static async Task<CitedAnswer> AnswerAsync(LocalChatServer server, string question = "What is the amoxicillin dose?")
    {
        using var engine = Engine(server);
        var handler = new GenerateAnswerHandler(engine, Microsoft.Extensions.Options.Options.Create(new AnswerPolicyOptions { MinEvidenceSimilarity = 0.35 }), NullLogger<GenerateAnswerHandler>.Instance);
        return await handler.HandleAsync(Request(question, Pack), CancellationToken.None);
    }

    [Fact]
    public async Task A_draft_with_valid_markers_becomes_a_cited_answer()
    {
        using var server = new LocalChatServer();
        server.Enqueue(ChatReply.Text("Give oral amoxicillin 40 mg/kg ", "twice daily for 5 days [1]. ", "Refer urgently if a danger sign is present [2]."));

        var answer = await AnswerAsync(server);

        Assert.False(answer.Abstained);
        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily for 5 days [1]. Refer urgently if a danger sign is present [2].", answer.Answer);
        Assert.Equal(["doc-1", "doc-2"], answer.Citations.Select(c => c.DocumentId));
        Assert.Equal("Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days.", answer.Citations[0].Quote);
        Assert.Equal("openai:" + Model, answer.Model);
    }

    [Fact]
    public async Task A_claim_citing_a_passage_that_does_not_exist_is_dropped()
    {
        using var server = new LocalChatServer();
        server.Enqueue(ChatReply.Text("Give oral amoxicillin twice daily [1]. Give intravenous ceftriaxone for ten days [7]."));

        var answer = await AnswerAsync(server);

        Assert.False(answer.Abstained);
        Assert.Equal("Give oral amoxicillin twice daily [1].", answer.Answer);
        Assert.Equal("doc-1", Assert.Single(answer.Citations).DocumentId);
    }

    [Fact]
    public async Task A_draft_with_only_out_of_range_markers_is_unsupported()
    {
        using var server = new LocalChatServer();
        server.Enqueue(ChatReply.Text("Give intravenous ceftriaxone for ten days [7]. Add gentamicin daily for a week [9]."));

        var answer = await AnswerAsync(server);

        Assert.True(answer.Abstained);
        Assert.Equal("unsupported", answer.Reason);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("ceftriaxone", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failure_surfaces_from_the_handler()
    {
        using var server = new LocalChatServer { Default = ChatReply.Failure(500, """{"error":{"message":"internal"}}""") };

        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => AnswerAsync(server));

        Assert.Equal(500, error.Status);
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Meditron.Application.Answering;
using Meditron.Core.Generation;
using Meditron.Messaging;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The chunks of a streamed chat completion, as SSE data lines: the assistant role at once, then the checked answer,
/// then the Sources with the structured citations, a last chunk with <c>finish_reason: "stop"</c>, and <c>[DONE]</c>.
/// The unchecked draft is not streamed: the citation check may drop or renumber its sentences, and a chat client
/// cannot take back text it has shown.
/// </summary>
public static class ChatCompletionChunks
{
    public const string Done = "[DONE]";

    public static async IAsyncEnumerable<string> ChunksAsync(
        AskService ask,
        PreparedQuestion prepared,
        ChatCompletionHeader header,
        Func<CitedAnswer, CitedAnswer> withLinks,
        JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(withLinks);
        yield return Chunk(header, null, new ChatDelta { Role = "assistant", Content = "" }, null, json);

        CitedAnswer? answer = null;
        string? failure = null;
        try
        {
            answer = withLinks(await ask.AnswerAsync(prepared, cancellationToken));
        }
        catch (Exception e) when (e is MessagingException or TimeoutException)
        {
            failure = e.Message; // no worker answered: said in OpenAI's error shape, as OpenAI does mid-stream
        }
        if (answer is null)
        {
            yield return JsonSerializer.Serialize(OpenAiError.Body(failure ?? "No answer could be produced.", OpenAiError.ServerError, null, null), json);
            yield break;
        }

        yield return Chunk(header, answer.Model, new ChatDelta { Content = answer.Answer }, null, json);
        yield return Chunk(header, answer.Model, new ChatDelta { Content = ChatContent.Sources(answer), Citations = answer.Citations, Abstained = answer.Abstained }, null, json);
        yield return Chunk(header, answer.Model, new ChatDelta(), "stop", json);
        yield return Done;
    }

    private static string Chunk(ChatCompletionHeader header, string? engine, ChatDelta delta, string? finishReason, JsonSerializerOptions json) =>
        JsonSerializer.Serialize(new ChatCompletionChunk(header.Id, header.Created, header.Model, engine, [new ChatChunkChoice(0, delta, finishReason)]), json);
}

/// <summary>What every chunk of one completion repeats: its id (<c>chatcmpl-</c> + the request id), time and model id.</summary>
public sealed record ChatCompletionHeader(string Id, long Created, string Model);

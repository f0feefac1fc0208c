using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Meditron.Application.Answering;
using Meditron.Core.Generation;
using Meditron.Generation;
using Meditron.Messaging;
using Microsoft.AspNetCore.Mvc;

namespace Meditron.Api.Answers;

/// <summary>
/// The Server-Sent Events of a streamed ask: <c>delta</c> events (<c>{"text": "..."}</c>, the unchecked draft as it is
/// written), then one <c>answer</c> event with the checked, cited answer; or an <c>error</c> event with a ProblemDetails
/// when generation fails after the stream began.
/// </summary>
public static class AnswerEvents
{
    public const string Delta = "delta";
    public const string Answer = "answer";
    public const string Error = "error";

    public static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        AskService ask,
        PreparedQuestion prepared,
        Func<CitedAnswer, CitedAnswer> withLinks,
        JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var events = ask.StreamAsync(prepared, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            AnswerEvent? next;
            ProblemDetails? failure = null;
            try
            {
                next = await events.MoveNextAsync() ? events.Current : null;
            }
            catch (Exception e) when (e is MessagingException or TimeoutException)
            {
                next = null;
                failure = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "No answer could be produced",
                    Detail = e.Message,
                };
            }
            if (failure is not null)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(failure, json), Error);
                yield break;
            }
            switch (next)
            {
                case null:
                    yield break;
                case AnswerDelta delta:
                    yield return new SseItem<string>(JsonSerializer.Serialize(new { text = delta.Text }, json), Delta);
                    break;
                case AnswerCompleted done:
                    yield return new SseItem<string>(JsonSerializer.Serialize(withLinks(done.Answer), json), Answer);
                    break;
            }
        }
    }
}

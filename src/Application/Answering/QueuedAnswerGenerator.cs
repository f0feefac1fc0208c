using System.Runtime.CompilerServices;
using Meditron.Core.Generation;
using Meditron.Generation;
using Meditron.Messaging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Answering;

/// <summary>
/// Publishes the question to the generation queue with a private reply queue, and streams the worker's replies
/// for this request back. Waits at most Messaging:AnswerTimeoutSeconds for the answer: without a worker the
/// caller gets an error naming the queue, never a hang.
/// </summary>
public sealed class QueuedAnswerGenerator(IMessageTransport transport, IOptions<MessagingOptions> options) : IAnswerGenerator
{
    public async IAsyncEnumerable<AnswerEvent> StreamAsync(GenerateAnswer message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        await using var replies = await transport.CreateReplyQueueAsync<GenerationReply>(cancellationToken);
        await transport.PublishAsync(settings.GenerateQueue, message, new MessageProperties { CorrelationId = message.RequestId, ReplyTo = replies.Name }, cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.AnswerTimeoutSeconds));
        var stream = replies.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        try
        {
            while (true)
            {
                Reply<GenerationReply> reply;
                try
                {
                    if (!await stream.MoveNextAsync())
                    {
                        throw new MessagingException($"The reply queue for request {message.RequestId} closed before the answer came.");
                    }
                    reply = stream.Current;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException(
                        $"No generation worker answered on queue '{settings.GenerateQueue}' within {settings.AnswerTimeoutSeconds} s " +
                        "(Messaging:AnswerTimeoutSeconds): is `meditron worker generation` running against this broker?");
                }
                if (reply.CorrelationId != message.RequestId)
                {
                    continue; // a late reply to an earlier request of this queue
                }
                if (reply.Message.Error is { } error)
                {
                    throw new MessagingException($"The generation worker could not answer request {message.RequestId}: {error}");
                }
                if (reply.Message.Answer is { } answer)
                {
                    yield return new AnswerCompleted(answer);
                    yield break;
                }
                if (reply.Message.Delta is { } delta)
                {
                    yield return new AnswerDelta(delta);
                }
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}

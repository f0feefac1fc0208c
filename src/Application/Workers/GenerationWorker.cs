using Meditron.Application.Answering;
using Meditron.Core.Generation;
using Meditron.Core.Handlers;
using Meditron.Generation;
using Meditron.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Workers;

/// <summary>
/// `meditron worker generation`: takes <see cref="GenerateAnswer"/> messages from the generation queue, runs the
/// configured engine on the evidence they carry, and streams the draft and then the checked answer to the
/// asker's reply queue. A failure is transient (another delivery, maybe on another worker); when the last
/// allowed delivery fails the asker is told why instead of waiting for its timeout.
/// </summary>
public sealed partial class GenerationWorker(
    IMessageTransport transport,
    ConsumingQueues consuming,
    GenerateAnswerHandler handler,
    IOptions<MessagingOptions> messaging,
    IOptions<WorkerOptions> options,
    ILogger<GenerationWorker> logger) : QueueWorker<GenerateAnswer>(transport, consuming, logger)
{
    private readonly IMessageTransport _transport = transport;

    protected override string Role => "generation";

    protected override string Queue => messaging.Value.GenerateQueue;

    protected override ConsumeOptions ConsumeOptions =>
        new() { Prefetch = options.Value.GenerationPrefetch, StopTimeoutSeconds = options.Value.StopTimeoutSeconds };

    protected override async Task<HandlerResult> HandleAsync(Delivery<GenerateAnswer> delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        string? replyTo = delivery.Properties.ReplyTo;
        var reply = new MessageProperties { CorrelationId = message.RequestId };
        LogTaken(message.RequestId, delivery.Attempt);
        try
        {
            await foreach (var e in handler.StreamAsync(message, cancellationToken))
            {
                var part = e switch
                {
                    AnswerDelta delta => new GenerationReply { Delta = delta.Text },
                    AnswerCompleted done => new GenerationReply { Answer = done.Answer },
                    _ => null,
                };
                if (part is not null && replyTo is not null)
                {
                    await _transport.PublishAsync(replyTo, part, reply, cancellationToken);
                }
            }
            return HandlerResult.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(message.RequestId, delivery.Attempt, e);
            if (delivery.Attempt >= messaging.Value.DeliveryLimit && replyTo is not null)
            {
                var error = new GenerationReply { Error = $"{e.GetType().Name}: {e.Message} (after {delivery.Attempt} attempts)" };
                await BestEffortAsync("tell the asker", message.RequestId, () => _transport.PublishAsync(replyTo, error, reply, CancellationToken.None));
            }
            return HandlerResult.Transient(e.Message);
        }
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Answering request {RequestId} (attempt {Attempt})")]
    private partial void LogTaken(string requestId, int attempt);

    // Exception messages of the engines name the endpoint and status, never the question (see OpenAiEngine).
    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Request {RequestId} failed on attempt {Attempt}")]
    private partial void LogFailed(string requestId, int attempt, Exception exception);
}

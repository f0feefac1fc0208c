using Meditron.Application.Answering;
using Meditron.Core.Generation;
using Meditron.Core.Handlers;
using Meditron.Generation;
using Meditron.Messaging;
using Microsoft.Extensions.Hosting;
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
    GenerateAnswerHandler handler,
    IOptions<MessagingOptions> messaging,
    IOptions<WorkerOptions> options,
    ILogger<GenerationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string queue = messaging.Value.GenerateQueue;
        var consume = new ConsumeOptions { Prefetch = options.Value.GenerationPrefetch, StopTimeoutSeconds = options.Value.StopTimeoutSeconds };
        await using var subscription = await transport.ConsumeAsync<GenerateAnswer>(queue, HandleAsync, consume, stoppingToken);
        LogStarted(queue, consume.Prefetch);
        await Stopping.UntilStoppedAsync(stoppingToken);
        LogStopping(queue);
    }

    private async Task<HandlerResult> HandleAsync(Delivery<GenerateAnswer> delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        string? replyTo = delivery.Properties.ReplyTo;
        LogTaken(message.RequestId, delivery.Attempt);
        try
        {
            await foreach (var e in handler.StreamAsync(message, cancellationToken))
            {
                var reply = e switch
                {
                    AnswerDelta delta => new GenerationReply { Delta = delta.Text },
                    AnswerCompleted done => new GenerationReply { Answer = done.Answer },
                    _ => null,
                };
                if (reply is not null && replyTo is not null)
                {
                    await transport.PublishAsync(replyTo, reply, new MessageProperties { CorrelationId = message.RequestId }, cancellationToken);
                }
            }
            return HandlerResult.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(message.RequestId, delivery.Attempt, e);
            if (delivery.Attempt >= messaging.Value.DeliveryLimit && replyTo is not null)
            {
                await TellAskerAsync(replyTo, message.RequestId, $"{e.GetType().Name}: {e.Message} (after {delivery.Attempt} attempts)");
            }
            return HandlerResult.Transient(e.Message);
        }
    }

    private async Task TellAskerAsync(string replyTo, string requestId, string error)
    {
        try
        {
            await transport.PublishAsync(replyTo, new GenerationReply { Error = error }, new MessageProperties { CorrelationId = requestId }, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCouldNotReply(requestId, e);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Generation worker consuming queue {Queue} (prefetch {Prefetch})")]
    private partial void LogStarted(string queue, int prefetch);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Answering request {RequestId} (attempt {Attempt})")]
    private partial void LogTaken(string requestId, int attempt);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Generation worker stopping: no new messages from queue {Queue}")]
    private partial void LogStopping(string queue);

    // Exception messages of the engines name the endpoint and status, never the question (see OpenAiEngine).
    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Request {RequestId} failed on attempt {Attempt}")]
    private partial void LogFailed(string requestId, int attempt, Exception exception);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "Could not tell the asker of request {RequestId} that it failed")]
    private partial void LogCouldNotReply(string requestId, Exception exception);
}

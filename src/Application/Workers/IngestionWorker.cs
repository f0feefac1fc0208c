using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Core.Ports;
using Meditron.Ingestion;
using Meditron.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Workers;

/// <summary>
/// `meditron worker ingestion`: takes <see cref="IngestDocument"/> messages from the ingestion queue and runs the
/// ingestion handler on each. The transport acks, requeues or dead-letters by the handler's result; when the
/// last allowed delivery fails too, the document is marked failed with the reason before it is dead-lettered.
/// On stop the message in hand is finished or requeued.
/// </summary>
public sealed partial class IngestionWorker(
    IMessageTransport transport,
    IngestDocumentHandler handler,
    IDocumentRegistry registry,
    IOptions<MessagingOptions> messaging,
    IOptions<WorkerOptions> options,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string queue = messaging.Value.IngestQueue;
        var consume = new ConsumeOptions { Prefetch = options.Value.IngestionPrefetch, StopTimeoutSeconds = options.Value.StopTimeoutSeconds };
        await using var subscription = await transport.ConsumeAsync<IngestDocument>(queue, HandleAsync, consume, stoppingToken);
        LogStarted(queue, consume.Prefetch);
        await Stopping.UntilStoppedAsync(stoppingToken);
        LogStopping(queue); // disposing the subscription finishes or requeues the message in hand
    }

    private async Task<HandlerResult> HandleAsync(Delivery<IngestDocument> delivery, CancellationToken cancellationToken)
    {
        string documentId = delivery.Message.DocumentId;
        LogTaken(documentId, delivery.Attempt);
        var result = await handler.HandleAsync(delivery.Message, cancellationToken);
        if (result.Outcome == HandlerOutcome.TransientError && delivery.Attempt >= messaging.Value.DeliveryLimit)
        {
            await GiveUpAsync(documentId, delivery.Attempt, result.Reason);
        }
        return result;
    }

    /// <summary>The transport dead-letters the message after this attempt: the registry must not say "processing" for ever.</summary>
    private async Task GiveUpAsync(string documentId, int attempts, string? reason)
    {
        try
        {
            await registry.MarkFailedAsync(documentId, $"Gave up after {attempts} attempts: {reason}", CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCouldNotMarkFailed(documentId, e);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Ingestion worker consuming queue {Queue} (prefetch {Prefetch})")]
    private partial void LogStarted(string queue, int prefetch);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Ingesting document {DocumentId} (attempt {Attempt})")]
    private partial void LogTaken(string documentId, int attempt);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Ingestion worker stopping: no new messages from queue {Queue}")]
    private partial void LogStopping(string queue);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Document {DocumentId} could not be marked failed after its last attempt")]
    private partial void LogCouldNotMarkFailed(string documentId, Exception exception);
}

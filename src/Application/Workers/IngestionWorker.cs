using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion;
using Meditron.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Workers;

/// <summary>
/// `meditron worker ingestion`: takes <see cref="IngestDocument"/> messages from the ingestion queue and runs the
/// ingestion handler on each. The transport acks, requeues or dead-letters by the handler's result; when the
/// last allowed delivery fails too, the document is marked failed with the reason before it is dead-lettered.
/// </summary>
public sealed partial class IngestionWorker(
    IMessageTransport transport,
    ConsumingQueues consuming,
    IngestDocumentHandler handler,
    IDocumentRegistry registry,
    IOptions<MessagingOptions> messaging,
    IOptions<WorkerOptions> options,
    ILogger<IngestionWorker> logger) : QueueWorker<IngestDocument>(transport, consuming, logger)
{
    protected override string Role => "ingestion";

    protected override string Queue => messaging.Value.IngestQueue;

    protected override ConsumeOptions ConsumeOptions =>
        new() { Prefetch = options.Value.IngestionPrefetch, StopTimeoutSeconds = options.Value.StopTimeoutSeconds };

    protected override async Task<HandlerResult> HandleAsync(Delivery<IngestDocument> delivery, CancellationToken cancellationToken)
    {
        string documentId = delivery.Message.DocumentId;
        LogTaken(documentId, delivery.Attempt);
        HandlerResult result;
        try
        {
            result = await handler.HandleAsync(delivery.Message, cancellationToken);
        }
        catch (EmbeddingModelMismatchException e)
        {
            // This worker's Embedding settings do not fit the index; a worker whose settings do may take the message.
            LogModelMismatch(documentId, e.Message);
            result = HandlerResult.Transient(e.Message);
        }
        if (result.Outcome == HandlerOutcome.TransientError && delivery.Attempt >= messaging.Value.DeliveryLimit)
        {
            // Dead-lettered after this attempt: the registry must not say "processing" for ever.
            await BestEffortAsync("mark the document failed", documentId, () =>
                registry.MarkFailedAsync(documentId, $"Gave up after {delivery.Attempt} attempts: {result.Reason}", CancellationToken.None));
        }
        return result;
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Ingesting document {DocumentId} (attempt {Attempt})")]
    private partial void LogTaken(string documentId, int attempt);

    // The message names the index and the two models, never document text.
    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "Document {DocumentId} not ingested: {Reason}")]
    private partial void LogModelMismatch(string documentId, string reason);
}

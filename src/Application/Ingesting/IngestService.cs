using Meditron.Application.Telemetry;
using Meditron.Core.Documents;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Core.Ports;
using Meditron.Ingestion;
using Meditron.Ingestion.Intake;
using Meditron.Messaging;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Ingesting;

/// <summary>
/// Ingestion of one file: intake (hash, store, register), then either the same handler a queue worker runs,
/// called in process (<see cref="IngestAsync"/>), or one message on the ingestion queue for the workers
/// (<see cref="EnqueueAsync"/>).
/// </summary>
public sealed class IngestService(
    DocumentIntake intake,
    IngestDocumentHandler handler,
    IDocumentRegistry registry,
    IMessageTransport transport,
    IOptions<MessagingOptions> messaging)
{
    public async Task<IngestFileReport> IngestAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        using var span = ApplicationTelemetry.StartIngest();
        return ApplicationTelemetry.Ingested(span, await IngestHereAsync(path, manifest, overrides, progress, cancellationToken));
    }

    /// <summary>
    /// Stores and registers the file, then publishes one <see cref="IngestDocument"/> for the ingestion workers
    /// (status queued). The registry says queued before the message exists, so a fast worker's "processing"
    /// is never overwritten; a publish that fails leaves it queued, and the next ingest of the file publishes again.
    /// The message carries this trace, so the worker's extract, embed and index join it.
    /// Any transport will do: over RabbitMQ the workers of other processes take it; in process (the API host runs its
    /// ingestion worker beside it) the message waits in memory until that worker takes it, and is lost if the process
    /// ends first (the document stays queued; ingesting the file again queues it again). A host whose workers live
    /// in other processes (the CLI's <c>ingest --enqueue</c>) must insist on a broker itself.
    /// </summary>
    public async Task<IngestFileReport> EnqueueAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, CancellationToken cancellationToken)
    {
        using var span = ApplicationTelemetry.StartIngest();
        return ApplicationTelemetry.Ingested(span, await EnqueueCoreAsync(path, manifest, overrides, cancellationToken));
    }

    private async Task<IngestFileReport> IngestHereAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var (taken, early) = await TakeAsync(path, manifest, overrides, cancellationToken);
        if (early is not null)
        {
            return early;
        }
        string name = Path.GetFileName(path);

        var result = await handler.HandleAsync(taken!.Message!, cancellationToken, progress);
        var document = await registry.GetAsync(taken.Document.DocumentId, cancellationToken) ?? taken.Document;
        return result.Outcome == HandlerOutcome.Success
            ? Report(name, document, IngestFileReport.IndexedStatus)
            : new IngestFileReport(name, document.DocumentId, IngestFileReport.FailedStatus, document.Pages, 0, result.Reason ?? document.Reason);
    }

    private async Task<IngestFileReport> EnqueueCoreAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, CancellationToken cancellationToken)
    {
        var (taken, early) = await TakeAsync(path, manifest, overrides, cancellationToken);
        if (early is not null)
        {
            return early;
        }
        string name = Path.GetFileName(path);
        await registry.MarkQueuedAsync(taken!.Document.DocumentId, cancellationToken);
        try
        {
            await transport.PublishAsync(messaging.Value.IngestQueue, taken.Message!, properties: null, cancellationToken);
        }
        catch (MessagingException e)
        {
            return new IngestFileReport(name, taken.Document.DocumentId, IngestFileReport.FailedStatus, 0, 0, e.Message);
        }
        return Report(name, taken.Document, IngestFileReport.QueuedStatus);
    }

    /// <summary>Intake; or the report for a file that cannot be read or is already indexed.</summary>
    private async Task<(IntakeResult? Taken, IngestFileReport? Early)> TakeAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(path);
        var metadata = MetadataResolver.Resolve(path, manifest, overrides);
        IntakeResult taken;
        try
        {
            taken = await intake.TakeAsync(path, metadata, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new IngestFileReport(name, null, IngestFileReport.FailedStatus, 0, 0, $"Cannot read the file: {e.Message}"));
        }
        return taken.AlreadyIndexed ? (taken, Report(name, taken.Document, IngestFileReport.SkippedStatus)) : (taken, null);
    }

    private static IngestFileReport Report(string name, DocumentRecord document, string status) =>
        new(name, document.DocumentId, status, document.Pages, document.Chunks, null);
}

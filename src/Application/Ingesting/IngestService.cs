using Meditron.Core.Documents;
using Meditron.Core.Handlers;
using Meditron.Core.Ports;
using Meditron.Ingestion;
using Meditron.Ingestion.Intake;

namespace Meditron.Application.Ingesting;

/// <summary>
/// The embedded shape's ingestion path for one file: intake (hash, store, register), then the same
/// handler a queue worker runs, called in process.
/// </summary>
public sealed class IngestService(DocumentIntake intake, IngestDocumentHandler handler, IDocumentRegistry registry)
{
    public async Task<IngestFileReport> IngestAsync(string path, ManifestEntry? manifest, MetadataOverrides overrides, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(path);
        var metadata = MetadataResolver.Resolve(path, manifest, overrides);
        IntakeResult taken;
        try
        {
            taken = await intake.TakeAsync(path, metadata, cancellationToken);
        }
        catch (IOException e)
        {
            return new IngestFileReport(name, null, IngestFileReport.FailedStatus, 0, 0, $"Cannot read the file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new IngestFileReport(name, null, IngestFileReport.FailedStatus, 0, 0, $"Cannot read the file: {e.Message}");
        }

        if (taken.AlreadyIndexed)
        {
            return Report(name, taken.Document, IngestFileReport.SkippedStatus);
        }

        var result = await handler.HandleAsync(taken.Message!, cancellationToken, progress);
        var document = await registry.GetAsync(taken.Document.DocumentId, cancellationToken) ?? taken.Document;
        return result.Outcome == HandlerOutcome.Success
            ? Report(name, document, IngestFileReport.IndexedStatus)
            : new IngestFileReport(name, document.DocumentId, IngestFileReport.FailedStatus, document.Pages, 0, result.Reason ?? document.Reason);
    }

    private static IngestFileReport Report(string name, DocumentRecord document, string status) =>
        new(name, document.DocumentId, status, document.Pages, document.Chunks, null);
}

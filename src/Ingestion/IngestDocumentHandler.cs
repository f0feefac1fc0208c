using Meditron.Core.Documents;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Core.Telemetry;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Extraction;
using Microsoft.Extensions.Logging;

namespace Meditron.Ingestion;

/// <summary>
/// Extracts, chunks, embeds and indexes one stored document, then publishes it (the registry makes
/// it current only after all its chunks are in the index). Idempotent: a redelivered message for an
/// indexed document does nothing; an interrupted run is simply done again.
/// </summary>
public sealed partial class IngestDocumentHandler(
    IDocumentRegistry registry,
    IContentStore content,
    IChunkIndex index,
    PdfExtractor extractor,
    SectionChunker chunker,
    IEmbedder embedder,
    ILogger<IngestDocumentHandler> logger)
{
    private const int EmbeddingBatch = 64;

    /// <summary>
    /// Success, FatalError for input that retrying cannot mend (a corrupt, encrypted or textless file, a missing
    /// stored file: the document is marked failed with the reason), or TransientError for anything else that went
    /// wrong (I/O, a busy store, an unreachable index): worth another delivery. Only cancellation escapes, and an
    /// index built with another embedding model (checked before any work): the configuration's fault, not the
    /// document's, and every document would meet it.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds vectors of another embedding model.</exception>
    /// <param name="progress">Told of pages extracted and chunks embedded as they are done (for a progress display).</param>
    public async Task<HandlerResult> HandleAsync(IngestDocument message, CancellationToken cancellationToken, IProgress<IngestProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return await HandleCoreAsync(message, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not EmbeddingModelMismatchException)
        {
            LogTransient(message.DocumentId, e.GetType().Name, e);
            return HandlerResult.Transient($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<HandlerResult> HandleCoreAsync(IngestDocument message, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var document = await registry.GetAsync(message.DocumentId, cancellationToken);
        if (document is null)
        {
            return HandlerResult.Fatal($"Unknown document '{message.DocumentId}'.");
        }
        if (document.Status == DocumentStatus.Indexed)
        {
            LogAlreadyIndexed(message.DocumentId);
            // A crash may have come between the registry and the index: repeat the flip, it is idempotent.
            await PublishCurrentEditionAsync(document.Metadata.GuidelineKey, cancellationToken);
            return HandlerResult.Success;
        }
        // Before the slow part: an index of another embedding model would refuse the vectors at the end.
        await index.CheckEmbeddingModelAsync(cancellationToken);
        await registry.MarkProcessingAsync(message.DocumentId, cancellationToken);

        var (extracted, failure) = await ExtractAsync(message, progress, cancellationToken);
        if (extracted is null)
        {
            return await FailAsync(message.DocumentId, failure!, cancellationToken);
        }

        string title = document.Metadata.Title;
        var chunks = chunker.Chunk(message.DocumentId, extracted, document.Metadata.Language, embedder.CountTokens, title);
        if (chunks.Count == 0)
        {
            return await FailAsync(
                message.DocumentId,
                $"No text could be extracted from its {(extracted.PageCount == 1 ? "page" : $"{extracted.PageCount} pages")} (scanned pages need OCR: is tesseract installed and Extraction:OcrEnabled true?).",
                cancellationToken);
        }

        int pageCount = extracted.PageCount;
        Action<int>? chunksEmbedded = progress is null ? null : done => progress.Report(new IngestProgress(pageCount, pageCount, done, chunks.Count));
        List<EmbeddedChunk> embedded;
        using (IngestionTelemetry.StartEmbed(message.DocumentId, chunks.Count))
        {
            embedded = await Task.Run(() => Embed(chunks, title, chunksEmbedded, cancellationToken), cancellationToken);
        }
        using (IngestionTelemetry.StartIndex(message.DocumentId, chunks.Count))
        {
            await index.ReplaceDocumentAsync(ChunkSource.From(document), embedded, cancellationToken);
            await registry.MarkIndexedAsync(message.DocumentId, extracted.PageCount, chunks.Count, cancellationToken);
            await PublishCurrentEditionAsync(document.Metadata.GuidelineKey, cancellationToken);
        }
        int ocrPages = extracted.Pages.Count(p => p.Ocr);
        LogIndexed(message.DocumentId, extracted.PageCount, chunks.Count, ocrPages);
        IngestionTelemetry.Indexed(extracted.PageCount);
        return HandlerResult.Success;
    }

    /// <summary>The document's pages, or why it can never be read (the document fails at once).</summary>
    private async Task<(ExtractedDocument? Extracted, string? Failure)> ExtractAsync(
        IngestDocument message, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        using var span = IngestionTelemetry.StartExtract(message.DocumentId);
        try
        {
            await using var pdf = await content.OpenAsync(message.ContentRef, cancellationToken);
            Action<int, int>? pageRead = progress is null ? null : (read, pages) => progress.Report(new IngestProgress(read, pages, 0, 0));
            var extracted = await Task.Run(() => extractor.Extract(pdf, cancellationToken, pageRead), cancellationToken);
            IngestionTelemetry.Extracted(span, extracted.PageCount, extracted.Pages.Count(p => p.Ocr));
            return (extracted, null);
        }
        catch (ExtractionException e)
        {
            SpanOutcome.Failed(span, e);
            return (null, e.Message);
        }
        catch (FileNotFoundException e)
        {
            SpanOutcome.Failed(span, e);
            return (null, "The stored file is missing from the content store.");
        }
    }

    /// <summary>Tells the index which edition of the guideline the registry made current (flips of one guideline take turns).</summary>
    private Task PublishCurrentEditionAsync(string guidelineKey, CancellationToken cancellationToken) =>
        registry.PublishCurrentEditionAsync(guidelineKey, (current, ct) => index.SetCurrentEditionAsync(guidelineKey, current, ct), cancellationToken);

    private List<EmbeddedChunk> Embed(IReadOnlyList<Chunk> chunks, string title, Action<int>? chunksEmbedded, CancellationToken cancellationToken)
    {
        var embedded = new List<EmbeddedChunk>(chunks.Count);
        chunksEmbedded?.Invoke(0);
        foreach (var batch in chunks.Chunk(EmbeddingBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // In one call: each chunk under its title and section path (what search compares), and each guidance chunk's
            // text alone (what an answer's evidence similarity compares, kept so that answers need not embed it again;
            // contents, index, reference and form chunks are never evidence).
            var guidance = batch.Where(c => c.Kind == ChunkKind.Guidance).ToList();
            string[] texts = [.. batch.Select(c => SectionChunker.EmbeddingText(c, title)), .. guidance.Select(c => c.Text)];
            float[][] vectors = embedder.Embed(texts, EmbeddingPurpose.Passage, cancellationToken);
            var textVectors = guidance.Select((c, i) => (c.ChunkNo, Vector: vectors[batch.Length + i])).ToDictionary(t => t.ChunkNo, t => t.Vector);
            embedded.AddRange(batch.Select((chunk, i) => new EmbeddedChunk(chunk, vectors[i], textVectors.GetValueOrDefault(chunk.ChunkNo))));
            chunksEmbedded?.Invoke(embedded.Count);
        }
        return embedded;
    }

    private async Task<HandlerResult> FailAsync(string documentId, string reason, CancellationToken cancellationToken)
    {
        LogFailed(documentId, reason);
        await registry.MarkFailedAsync(documentId, reason, cancellationToken);
        return HandlerResult.Fatal(reason);
    }

    // The exception names the failing part (store, index, file system); exception messages carry no document text.
    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Document {DocumentId} could not be ingested this time ({Error}); it can be retried")]
    private partial void LogTransient(string documentId, string error, Exception exception);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Document {DocumentId} is already indexed; nothing to do")]
    private partial void LogAlreadyIndexed(string documentId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Indexed document {DocumentId}: {Pages} pages ({OcrPages} by OCR), {Chunks} chunks")]
    private partial void LogIndexed(string documentId, int pages, int chunks, int ocrPages);

    // The reason names the file's problem (format, limits), never its text.
    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(string documentId, string reason);
}

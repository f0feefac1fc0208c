using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Meditron.Application.Documents;

/// <summary>
/// The documents of every host (the API's /v1/documents): list with filters and paging, one document, its original
/// PDF, and deletion, after which the previous edition of its guideline is current again.
/// </summary>
public sealed partial class DocumentService(
    IDocumentRegistry registry,
    IChunkIndex index,
    IContentStore content,
    ILogger<DocumentService> logger)
{
    /// <summary>The matching documents in the registry's order (guideline key, then oldest to newest edition), one page of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range (<see cref="DocumentQuery.Validate"/>).</exception>
    public async Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var matching = (await registry.ListAsync(cancellationToken)).Where(query.Matches).ToList();
        return new DocumentPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count, query.Offset, query.Limit);
    }

    public Task<DocumentRecord?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return registry.GetAsync(documentId, cancellationToken);
    }

    /// <summary>The document with a seekable stream of its original PDF (the caller disposes it); null when the document is unknown.</summary>
    /// <exception cref="FileNotFoundException">The document is registered but its file is missing from the content store.</exception>
    public async Task<(DocumentRecord Document, Stream Content)?> OpenContentAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var document = await registry.GetAsync(documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }
        var stream = await content.OpenAsync(document.ContentRef, cancellationToken);
        if (stream.CanSeek)
        {
            return (document, stream);
        }
        // HTTP range requests need to seek; a store that streams (none yet) is buffered.
        var buffered = new MemoryStream();
        await using (stream)
        {
            await stream.CopyToAsync(buffered, cancellationToken);
        }
        buffered.Position = 0;
        return (document, buffered);
    }

    /// <summary>
    /// Deletes the document: its chunks leave the index, its registry row goes (the newest remaining indexed edition
    /// of its guideline becomes current), the index learns which edition that is, and its file leaves the content
    /// store. In that order, so that an interruption never leaves a deleted edition searchable or a document whose
    /// file is gone; deleting again finishes the job while the row is there. Returns the deleted record; null when
    /// the document is unknown (a repeated delete changes nothing).
    /// </summary>
    /// <exception cref="DocumentBusyException">An ingestion worker is processing the document.</exception>
    public async Task<DocumentRecord?> DeleteAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var document = await registry.GetAsync(documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }
        if (document.Status == DocumentStatus.Processing)
        {
            // Checked again inside the registry's transaction; this spares the index a delete it would not need.
            throw DocumentBusyException.For(documentId);
        }

        await index.DeleteDocumentAsync(documentId, cancellationToken);
        var deleted = await registry.DeleteAsync(documentId, cancellationToken);
        if (deleted is null)
        {
            return null; // another delete got there first and finishes the rest
        }
        string key = deleted.Metadata.GuidelineKey;
        string? current = null;
        await registry.PublishCurrentEditionAsync(key, (now, ct) =>
        {
            current = now;
            return index.SetCurrentEditionAsync(key, now, ct);
        }, cancellationToken);
        await content.DeleteAsync(deleted.ContentRef, cancellationToken);
        LogDeleted(documentId, key, current ?? "none");
        return deleted;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Deleted document {DocumentId}; current edition of {GuidelineKey}: {Current}")]
    private partial void LogDeleted(string documentId, string guidelineKey, string current);
}

using Meditron.Core.Documents;

namespace Meditron.Core.Ports;

/// <summary>The documents known to the system, their status, and which edition of each guideline is current.</summary>
public interface IDocumentRegistry
{
    Task<DocumentRecord?> GetAsync(string documentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the document as pending, or returns the existing record untouched.</summary>
    Task<DocumentRecord> RegisterAsync(DocumentRecord document, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the document indexed (its chunks are already in the index) and, in the same
    /// transaction, makes the newest indexed edition of its guideline current. Idempotent.
    /// </summary>
    Task MarkIndexedAsync(string documentId, int pages, int chunks, CancellationToken cancellationToken);

    Task MarkFailedAsync(string documentId, string reason, CancellationToken cancellationToken);

    /// <summary>A message for the document was published: pending or failed becomes queued (reason cleared); indexed stays.</summary>
    Task MarkQueuedAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Ingestion starts: the document becomes processing and its attempts grow by one, unless it is indexed. Returns the record.</summary>
    Task<DocumentRecord> MarkProcessingAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the document (and, where the registry holds them, its chunks) and, in the same transaction, makes the
    /// newest remaining indexed edition of its guideline current. Returns the record as it was before, or null when
    /// the id is unknown (a repeated delete changes nothing).
    /// </summary>
    /// <exception cref="DocumentBusyException">The document is being processed by an ingestion worker.</exception>
    Task<DocumentRecord?> DeleteAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="publish"/> with the guideline's current edition (null: none is) while holding that
    /// guideline's edition lock, which every status change of its documents also takes. Publishers of one guideline
    /// (workers on other nodes included) take turns, and each reads the latest state: the last one to publish leaves the
    /// index with the registry's current edition, never with none or two.
    /// </summary>
    Task PublishCurrentEditionAsync(string guidelineKey, Func<string?, CancellationToken, Task> publish, CancellationToken cancellationToken);
}

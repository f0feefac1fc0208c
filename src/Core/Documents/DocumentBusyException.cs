namespace Meditron.Core.Documents;

/// <summary>
/// The document is being ingested right now (<see cref="DocumentStatus.Processing"/>), so it cannot be deleted:
/// a worker is writing its chunks. Try again once it is indexed or failed (the API answers 409 Conflict).
/// </summary>
public sealed class DocumentBusyException : Exception
{
    public DocumentBusyException()
    {
    }

    public DocumentBusyException(string message)
        : base(message)
    {
    }

    public DocumentBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The busy document, when known.</summary>
    public string? DocumentId { get; init; }

    public static DocumentBusyException For(string documentId) =>
        new($"Document {documentId} is being processed by an ingestion worker; try again once it is indexed or failed.") { DocumentId = documentId };
}

namespace Meditron.Core.Messages;

/// <summary>
/// Asks for one stored file to be extracted, chunked, embedded and indexed.
/// Carries a claim check (<paramref name="ContentRef"/>), never the PDF bytes.
/// </summary>
public sealed record IngestDocument(string DocumentId, string Edition, string ContentRef);

namespace Meditron.Core.Messages;

/// <summary>
/// Asks for one stored file to be extracted, chunked, embedded and indexed.
/// Carries a claim check (<paramref name="ContentRef"/>), never the PDF bytes. The edition and the
/// rest of the metadata are in the registry under <paramref name="DocumentId"/>, which the handler
/// reads anyway: a copy here could only disagree with it.
/// </summary>
public sealed record IngestDocument(string DocumentId, string ContentRef);

namespace Meditron.Ingestion;

/// <summary>
/// How far <see cref="IngestDocumentHandler"/> is with one document: pages read by extraction,
/// then chunks embedded. <see cref="Chunks"/> is 0 until the document has been chunked.
/// Reports come in order, each at least as far as the one before.
/// </summary>
public sealed record IngestProgress(int PagesExtracted, int Pages, int ChunksEmbedded, int Chunks);

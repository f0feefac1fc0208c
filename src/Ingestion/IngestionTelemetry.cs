using System.Diagnostics;
using Meditron.Core.Telemetry;

namespace Meditron.Ingestion;

/// <summary>
/// Spans of one document's ingestion: <c>extract</c>, <c>embed</c>, <c>index</c>. Each is null when nobody listens;
/// tags are ids and counts only.
/// </summary>
public static class IngestionTelemetry
{
    public const string SourceName = "Meditron.Ingestion";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartExtract(string documentId) => Source.StartActivity("extract")?.SetTag(SpanTags.DocumentId, documentId);

    internal static void Extracted(Activity? span, int pages, int ocrPages) =>
        span?.SetTag(SpanTags.Pages, pages).SetTag(SpanTags.OcrPages, ocrPages);

    internal static Activity? StartEmbed(string documentId, int chunks) =>
        Source.StartActivity("embed")?.SetTag(SpanTags.DocumentId, documentId).SetTag(SpanTags.Chunks, chunks);

    internal static Activity? StartIndex(string documentId, int chunks) =>
        Source.StartActivity("index")?.SetTag(SpanTags.DocumentId, documentId).SetTag(SpanTags.Chunks, chunks);
}

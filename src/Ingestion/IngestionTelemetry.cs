using System.Diagnostics;
using System.Diagnostics.Metrics;
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

    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> PagesCounter =
        Meter.CreateCounter<long>("meditron.ingestion.pages", "{page}", "Pages of documents indexed (rate: pages per second)");

    private static readonly Counter<long> DocumentsCounter =
        Meter.CreateCounter<long>("meditron.ingestion.documents", "{document}", "Documents indexed");

    /// <summary>One document indexed, with its pages, wherever ingestion runs (in process or in a worker).</summary>
    internal static void Indexed(int pages)
    {
        PagesCounter.Add(pages);
        DocumentsCounter.Add(1);
    }

    internal static Activity? StartExtract(string documentId) => Source.StartActivity("extract")?.SetTag(SpanTags.DocumentId, documentId);

    internal static void Extracted(Activity? span, int pages, int ocrPages) =>
        span?.SetTag(SpanTags.Pages, pages).SetTag(SpanTags.OcrPages, ocrPages);

    internal static Activity? StartEmbed(string documentId, int chunks) =>
        Source.StartActivity("embed")?.SetTag(SpanTags.DocumentId, documentId).SetTag(SpanTags.Chunks, chunks);

    internal static Activity? StartIndex(string documentId, int chunks) =>
        Source.StartActivity("index")?.SetTag(SpanTags.DocumentId, documentId).SetTag(SpanTags.Chunks, chunks);
}

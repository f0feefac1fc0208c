using System.Diagnostics;
using Meditron.Application.Ingesting;
using Meditron.Core.Generation;
using Meditron.Core.Telemetry;
using Meditron.Generation;

namespace Meditron.Application.Telemetry;

/// <summary>
/// The root spans of the two paths: <c>ask</c> (retrieve and generate below it) and <c>ingest</c> (extract,
/// embed and index below it, in this process or in a worker through the queue). Ids, counts and outcomes only.
/// </summary>
public static class ApplicationTelemetry
{
    public const string SourceName = "Meditron.Application";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartAsk(string requestId) => Source.StartActivity("ask")?.SetTag(SpanTags.RequestId, requestId);

    /// <summary>Answered or abstained with its reason code: the same outcome the generate span carries, at the root.</summary>
    internal static void Answered(Activity? span, CitedAnswer answer) =>
        SpanOutcome.Set(span, answer.Abstained ? GenerationTelemetry.Abstained : GenerationTelemetry.Answered, answer.Abstained ? answer.Reason : null);

    /// <summary>The document id is known only after intake (it is the content's hash), so it is tagged at the end.</summary>
    internal static Activity? StartIngest() => Source.StartActivity("ingest");

    internal static IngestFileReport Ingested(Activity? span, IngestFileReport report)
    {
        if (span is not null)
        {
            span.SetTag(SpanTags.DocumentId, report.DocumentId).SetTag(SpanTags.Pages, report.Pages).SetTag(SpanTags.Chunks, report.Chunks);
            SpanOutcome.Set(span, report.Status);
            if (report.Status == IngestFileReport.FailedStatus)
            {
                span.SetStatus(ActivityStatusCode.Error, report.Status);
            }
        }
        return report;
    }
}

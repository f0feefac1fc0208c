using System.Diagnostics;
using Meditron.Core.Generation;
using Meditron.Core.Telemetry;

namespace Meditron.Generation;

/// <summary>
/// The <c>generate</c> span: engine, request id and what became of the answer (answered, or abstained with its
/// reason code), with counts. Never the question, the evidence, the draft or the answer.
/// </summary>
public static class GenerationTelemetry
{
    public const string SourceName = "Meditron.Generation";

    public const string Answered = "answered";

    public const string Abstained = "abstained";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartGenerate(string engine, string requestId) =>
        Source.StartActivity("generate")?.SetTag(SpanTags.Engine, engine).SetTag(SpanTags.RequestId, requestId);

    /// <param name="deltas">Pieces of draft the engine streamed: IAnswerEngine yields text, not token counts.</param>
    internal static void Completed(Activity? span, CitedAnswer answer, int deltas)
    {
        if (span is null)
        {
            return;
        }
        // Reason is one of the fixed codes of AbstentionMessages (no_evidence, not_covered, unsupported, timeout).
        SpanOutcome.Set(span, answer.Abstained ? Abstained : Answered, answer.Abstained ? answer.Reason : null);
        span.SetTag(SpanTags.Citations, answer.Citations.Count).SetTag(SpanTags.Deltas, deltas);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
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

    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> AnswersCounter =
        Meter.CreateCounter<long>("meditron.answers", "{answer}", "Checked answers by outcome (answered, abstained) and abstention reason");

    private static readonly Counter<long> TokensCounter =
        Meter.CreateCounter<long>("meditron.generation.tokens", "{token}", "Draft pieces streamed by the engine (one token each for LLamaSharp; a sentence for the extractive engine)");

    private static readonly Histogram<double> DurationHistogram =
        Meter.CreateHistogram<double>("meditron.generation.duration", "s", "Time from the request reaching the engine to the checked answer");

    internal static Activity? StartGenerate(string engine, string requestId) =>
        Source.StartActivity("generate")?.SetTag(SpanTags.Engine, engine).SetTag(SpanTags.RequestId, requestId);

    /// <param name="deltas">Pieces of draft the engine streamed: IAnswerEngine yields text, not token counts.</param>
    internal static void Completed(Activity? span, CitedAnswer answer, int deltas)
    {
        var engine = new KeyValuePair<string, object?>("engine", EngineKind(answer.Model));
        AnswersCounter.Add(1, new("outcome", answer.Abstained ? Abstained : Answered), new("reason", answer.Abstained ? answer.Reason : "none"), engine);
        TokensCounter.Add(deltas, engine);
        DurationHistogram.Record(answer.Timings.GenerationMs / 1000.0, engine);
        if (span is null)
        {
            return;
        }
        // Reason is one of the fixed codes of AbstentionMessages (no_evidence, not_covered, unsupported, timeout).
        SpanOutcome.Set(span, answer.Abstained ? Abstained : Answered, answer.Abstained ? answer.Reason : null);
        span.SetTag(SpanTags.Citations, answer.Citations.Count).SetTag(SpanTags.Deltas, deltas);
    }

    /// <summary>"llamasharp:model.gguf" → "llamasharp": a tag with few values (the model file name stays out of the metrics).</summary>
    private static string EngineKind(string model)
    {
        int colon = model.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? model : model[..colon];
    }
}

using Meditron.Retrieval.Evaluation;

namespace Meditron.Application.Answering;

/// <summary>What `meditron eval answers --json` prints.</summary>
public sealed record AnswerReport(
    int Questions,
    double CitationHit,
    double AbstentionRecall,
    double FalseAbstention,
    double CitationValidity,
    double QuoteOnPage,
    LatencyReport LatencyMs);

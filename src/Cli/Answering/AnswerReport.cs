using Meditron.Retrieval.Evaluation;

namespace Meditron.Cli.Answering;

/// <summary>What `meditron eval answers --json` prints.</summary>
internal sealed record AnswerReport(
    int Questions,
    double CitationHit,
    double AbstentionRecall,
    double FalseAbstention,
    double CitationValidity,
    double QuoteOnPage,
    LatencyReport LatencyMs);

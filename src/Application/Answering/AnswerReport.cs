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
    LatencyReport LatencyMs)
{
    /// <summary>Of the citations of answered, answerable questions, the share on a gold page: how much of an answer is on point.</summary>
    public double CitationPrecision { get; init; }

    /// <summary>Distinct documents cited per answer (answered questions): above 1, an answer draws on several guidelines.</summary>
    public double DocumentsPerAnswer { get; init; }
}

using System.Text.Json.Serialization;
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

    /// <summary>
    /// Of all citations, the share whose quote says the words of a sentence of the answer that cites it
    /// (<see cref="Meditron.Generation.Citations.CitationValidator.QuotesHoldingClaim"/>): well below 1, a model
    /// paraphrased and its quotes show only the passage's nearest sentence.
    /// </summary>
    public double QuoteHoldsClaim { get; init; }

    /// <summary>With `--feedback`: the questions flagged wrong_page asked again (<see cref="FeedbackCase"/>); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FeedbackCases { get; init; }

    /// <summary>With `--feedback`: the cases whose new answer still cites a flagged page; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FeedbackStillWrong { get; init; }
}

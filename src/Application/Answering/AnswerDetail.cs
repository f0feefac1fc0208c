namespace Meditron.Application.Answering;

/// <summary>
/// One line of `eval answers --details FILE`: how one question was answered and whether a citation met a
/// gold page. <see cref="BestSimilarity"/> is what the abstention threshold (Answer:MinEvidenceSimilarity)
/// is compared with, so operators can recalibrate it on their own questions.
/// </summary>
public sealed record AnswerDetail(
    string Id,
    string Kind,
    bool Answerable,
    bool Abstained,
    string? Reason,
    bool CitationHit,
    double? BestSimilarity,
    IReadOnlyList<CitedPage> Citations)
{
    /// <summary>
    /// The lexical abstention signal (<see cref="Meditron.Core.Generation.GenerateAnswer.KeyTermSupport"/>): the share of
    /// the question's key terms, each weighted by its rarity in the corpus, that the evidence holds.
    /// </summary>
    public double? LexicalSupport { get; init; }

    /// <summary>The question's words that no indexed chunk holds: the second abstention signal (Answer:NeverIndexedWordSimilarity).</summary>
    public IReadOnlyList<string> WordsNeverIndexed { get; init; } = [];
}

/// <summary>Where a citation points, and the sentence it quotes.</summary>
public sealed record CitedPage(int N, string File, int Page, int PageEnd, string? PageLabel, string Quote);

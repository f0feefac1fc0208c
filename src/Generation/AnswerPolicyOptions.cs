using System.ComponentModel.DataAnnotations;

namespace Meditron.Generation;

/// <summary>When to abstain and how long extractive answers are (configuration section "Answer").</summary>
public sealed class AnswerPolicyOptions
{
    public const string SectionName = "Answer";

    /// <summary>
    /// Abstain ("no_evidence") when the best passage's dense similarity to the question is below this.
    /// Passages without a similarity are not held to it. 0.55 is calibrated for all-MiniLM-L6-v2 on the
    /// dev questions with 8 evidence passages (0.50: 2 of 4 unanswerable declined; 0.55: 3 of 4, 2 of 56
    /// answerable declined; 0.60: 4 of 56 answerable declined), with almost no margin (docs/benchmarks.md):
    /// recalibrate with `eval answers --details` when the embedding model or the evidence size changes.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinEvidenceSimilarity { get; set; } = 0.55;

    /// <summary>
    /// <see cref="MinEvidenceSimilarity"/> for questions in other languages: the English all-MiniLM-L6-v2 scores a
    /// French or Spanish question lower against the same passages. The defaults are 0.55 lowered by the gap measured
    /// on the same ten questions asked in English, Spanish and French (bench/calibration/questions.multilingual.jsonl:
    /// best similarity 0.147 lower in Spanish, 0.202 in French on average). Recalibrate with another embedding model.
    /// </summary>
    public Dictionary<string, double> MinEvidenceSimilarityByLanguage { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["es"] = 0.40,
        ["fr"] = 0.35,
    };

    /// <summary>
    /// The second signal: a question naming a word that no indexed chunk holds ("nirsevimab", "mpox") is declined
    /// ("not_covered") unless its best evidence similarity reaches this; a question about something the guidelines
    /// never mention still finds passages about its neighbours, with a middling similarity.
    /// </summary>
    [Range(0.0, 1.0)]
    public double NeverIndexedWordSimilarity { get; set; } = 0.75;

    /// <summary>
    /// The lexical signal: below the similarity threshold, a question is still answered when the evidence holds at least
    /// this share of its key terms (each weighted by its rarity in the corpus, <c>GenerateAnswer.KeyTermSupport</c>)
    /// and its similarity is within <see cref="KeyTermSimilarityMargin"/> of the threshold. 0.6 was chosen on the tuning
    /// halves (dev fold 1/2 and fold 1/2 of bench/calibration/questions.paraphrased.jsonl), where any value from 0.57
    /// to 0.62 gives the same decisions: the highest support of an unanswerable question below the threshold was 0.560,
    /// the lowest of an answerable one 0.622 (docs/benchmarks.md). 1 or more: similarity alone decides.
    /// </summary>
    [Range(0.0, 1.0)]
    public double KeyTermSupportToAnswer { get; set; } = 0.6;

    /// <summary>How far below the similarity threshold <see cref="KeyTermSupportToAnswer"/> may still answer.</summary>
    [Range(0.0, 1.0)]
    public double KeyTermSimilarityMargin { get; set; } = 0.1;

    /// <summary>The similarity threshold for a question in <paramref name="language"/>.</summary>
    public double MinEvidenceSimilarityFor(string? language) =>
        language is not null && MinEvidenceSimilarityByLanguage.TryGetValue(language, out var threshold) ? threshold : MinEvidenceSimilarity;

    /// <summary>
    /// Passages retrieved as evidence for one question (`--top-k` overrides it). 8, measured on the dev
    /// questions with the extractive engine (citationHit 0.786 / 0.821 / 0.839 / 0.839 / 0.875 / 0.875 with
    /// 4 / 5 / 6 / 7 / 8 / 10 passages): retrieval finds more gold pages in its top 10 than in its top 5, and
    /// sentence selection finds them there. LLM engines drop what does not fit their context, least relevant first.
    /// </summary>
    [Range(1, 50)]
    public int EvidencePassages { get; set; } = 8;

    /// <summary>The most sentences the extractive engine answers with.</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 3;
}

using Meditron.Core.Generation;
using Meditron.Generation.Citations;

namespace Meditron.Generation;

/// <summary>
/// Whether the evidence can answer at all, from two signals before any engine runs: the best passage's dense
/// similarity to the question (against a threshold per language), and lexical support: how much of the question's
/// key terms the evidence holds (which carries a similarity just below the threshold), and the specific words the
/// corpus never holds (which need a high similarity). Passages without a similarity (lexical-only retrieval) are not
/// held to the threshold.
/// </summary>
public static class EvidenceCheck
{
    /// <summary>The abstention reason (<see cref="AbstentionMessages"/>), or null when the engine should answer.</summary>
    public static string? Decline(GenerateAnswer request, string language, AnswerPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var evidence = request.Evidence;
        if (evidence is null || evidence.Count == 0 || evidence.All(p => string.IsNullOrWhiteSpace(p.Text)))
        {
            return AbstentionMessages.NoEvidence;
        }
        if (evidence.Any(p => p.Similarity is null))
        {
            return null;
        }
        var best = evidence.Max(p => p.Similarity!.Value);
        var threshold = policy.MinEvidenceSimilarityFor(language);
        if (best < threshold && !KeyTermsCarry(request, best, threshold, policy))
        {
            return AbstentionMessages.NoEvidence;
        }
        if (request.WordsNeverIndexed is { Count: > 0 } && best < policy.NeverIndexedWordSimilarity)
        {
            return AbstentionMessages.NotCovered;
        }
        return null;
    }

    /// <summary>
    /// A weak similarity with the question's key terms in the evidence: a paraphrase of something the guidelines say
    /// ("the arm tape" for MUAC), not a subject they never treat. Only just below the threshold, never far below it.
    /// </summary>
    private static bool KeyTermsCarry(GenerateAnswer request, double best, double threshold, AnswerPolicyOptions policy) =>
        request.KeyTermSupport is double support
        && support >= policy.KeyTermSupportToAnswer
        && best >= threshold - policy.KeyTermSimilarityMargin;
}

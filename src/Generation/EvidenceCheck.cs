using Meditron.Core.Generation;
using Meditron.Generation.Citations;

namespace Meditron.Generation;

/// <summary>
/// Whether the evidence can answer at all, from two signals before any engine runs: the best passage's dense
/// similarity to the question (against a threshold per language), and the question's words that the corpus never
/// holds. Passages without a similarity (lexical-only retrieval) are not held to the threshold.
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
        if (best < policy.MinEvidenceSimilarityFor(language))
        {
            return AbstentionMessages.NoEvidence;
        }
        if (request.WordsNeverIndexed is { Count: > 0 } && best < policy.NeverIndexedWordSimilarity)
        {
            return AbstentionMessages.NotCovered;
        }
        return null;
    }
}

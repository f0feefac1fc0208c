using Meditron.Core.Generation;
using Meditron.Generation;
using Meditron.Generation.Tests.Citations;

namespace Meditron.Generation.Tests;

public class EvidenceCheckTests
{
    private static readonly AnswerPolicyOptions Policy = new()
    {
        MinEvidenceSimilarity = 0.55,
        MinEvidenceSimilarityByLanguage = new(StringComparer.OrdinalIgnoreCase) { ["es"] = 0.45 },
        NeverIndexedWordSimilarity = 0.75,
    };

    private static GenerateAnswer Request(double similarity, params string[] neverIndexed) =>
        new("r1", "question", [Evidence.Passage(1, "Give oral amoxicillin twice daily.", similarity)], new AnswerOptions())
        {
            WordsNeverIndexed = neverIndexed,
        };

    [Theory]
    [InlineData(0.54, "en", "no_evidence")]
    [InlineData(0.56, "en", null)]
    [InlineData(0.50, "es", null)]
    [InlineData(0.44, "es", "no_evidence")]
    [InlineData(0.50, "fr", "no_evidence")]
    public void The_similarity_threshold_is_per_language(double similarity, string language, string? reason) =>
        Assert.Equal(reason, EvidenceCheck.Decline(Request(similarity), language, Policy));

    [Theory]
    [InlineData(0.60, "not_covered")]
    [InlineData(0.74, "not_covered")]
    [InlineData(0.80, null)]
    public void A_word_no_chunk_holds_declines_unless_the_evidence_is_very_close(double similarity, string? reason) =>
        Assert.Equal(reason, EvidenceCheck.Decline(Request(similarity, "nirsevimab"), "en", Policy));

    [Theory]
    [InlineData(0.50, 0.62, null)] // a paraphrase: the key terms are in the evidence
    [InlineData(0.50, 0.56, "no_evidence")] // the support of the unanswerable tuning questions stopped at 0.560
    [InlineData(0.44, 0.95, "no_evidence")] // too far below the threshold, whatever the words
    [InlineData(0.36, 0.95, null)] // Spanish: within the margin of its own threshold (0.45)
    public void Key_terms_in_the_evidence_carry_a_similarity_just_below_the_threshold(double similarity, double support, string? reason)
    {
        var request = Request(similarity) with { KeyTermSupport = support };

        Assert.Equal(reason, EvidenceCheck.Decline(request, similarity < 0.4 ? "es" : "en", Policy));
    }

    [Fact]
    public void Without_a_measured_support_similarity_alone_decides() =>
        Assert.Equal("no_evidence", EvidenceCheck.Decline(Request(0.50), "en", Policy));

    [Fact]
    public void Key_terms_do_not_lift_a_word_no_chunk_holds() =>
        Assert.Equal("not_covered", EvidenceCheck.Decline(Request(0.60, "nirsevimab") with { KeyTermSupport = 1 }, "en", Policy));

    [Fact]
    public void Passages_without_a_similarity_are_not_held_to_either_signal()
    {
        var request = Request(0.1, "nirsevimab") with { Evidence = [Evidence.Passage(1, "Give oral amoxicillin twice daily.", similarity: null)] };

        Assert.Null(EvidenceCheck.Decline(request, "en", Policy));
    }

    [Fact]
    public void No_evidence_text_is_no_evidence() =>
        Assert.Equal("no_evidence", EvidenceCheck.Decline(Request(0.9) with { Evidence = [] }, "en", Policy));
}

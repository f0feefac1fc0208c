namespace Meditron.Core.Generation;

/// <summary>One numbered passage of the evidence pack, [N] in prompts and answers.</summary>
public sealed record EvidencePassage
{
    public required int N { get; init; }
    public required string DocumentId { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Edition { get; init; }
    public required string File { get; init; }
    /// <summary>1-based physical page where the passage starts.</summary>
    public required int Page { get; init; }
    public required int PageEnd { get; init; }
    public string? PageLabel { get; init; }
    public required string Section { get; init; }
    public required string Text { get; init; }
    /// <summary>The retrieval score (for abstention and display).</summary>
    public double Score { get; init; }
    /// <summary>The dense similarity of the passage to the question, when known (0..1; used to decide abstention).</summary>
    public double? Similarity { get; init; }
    /// <summary>
    /// How much of the question's key terms (weighted by their rarity in the corpus) the passage's section path names,
    /// 0..1: the passage is about the question's subject. Null when not measured.
    /// </summary>
    public double? TopicMatch { get; init; }

    /// <summary>The passage is from a guideline the question names ("under IMCI", "our Uganda protocols").</summary>
    public bool FromNamedGuideline { get; init; }
}

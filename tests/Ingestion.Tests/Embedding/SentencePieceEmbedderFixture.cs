using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>
/// The second embedding configuration: the bundled MiniLM ONNX model read through a SentencePiece tokenizer
/// (a small Unigram model written here, fairseq ids) with e5's prefixes and CLS pooling; and the same with
/// one setting changed, to show what each setting does. The vectors mean nothing; the whole path really runs.
/// </summary>
public sealed class SentencePieceEmbedderFixture : IDisposable
{
    public const string QueryPrefix = "query: ";
    public const string PassagePrefix = "passage: ";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "meditron-spm-" + Guid.NewGuid().ToString("N"));

    public SentencePieceEmbedderFixture()
    {
        Directory.CreateDirectory(_directory);
        ModelFile = Path.Combine(_directory, "tiny.model");
        TinySentencePieceModel.Write(ModelFile);
        Embedder = Create(EmbeddingPooling.Cls, QueryPrefix, PassagePrefix);
        WithoutPrefixes = Create(EmbeddingPooling.Cls, null, null);
        MeanPooled = Create(EmbeddingPooling.Mean, QueryPrefix, PassagePrefix);
    }

    public string ModelFile { get; }

    /// <summary>CLS pooling, "query: " and "passage: ".</summary>
    public OnnxEmbedder Embedder { get; }

    /// <summary>CLS pooling, no prefixes.</summary>
    public OnnxEmbedder WithoutPrefixes { get; }

    /// <summary>Mean pooling, "query: " and "passage: ".</summary>
    public OnnxEmbedder MeanPooled { get; }

    public void Dispose()
    {
        Embedder.Dispose();
        WithoutPrefixes.Dispose();
        MeanPooled.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private OnnxEmbedder Create(EmbeddingPooling pooling, string? queryPrefix, string? passagePrefix) =>
        new(Options.Create(new EmbeddingOptions
        {
            VocabPath = ModelFile,
            Pooling = pooling,
            QueryPrefix = queryPrefix,
            PassagePrefix = passagePrefix,
        }));
}

using Meditron.Core.Ports;
using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>Which tokenizer a configured model gets, and the id it is recorded under.</summary>
public sealed class EmbeddingModelFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "meditron-models-" + Guid.NewGuid().ToString("N"));

    public EmbeddingModelFilesTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_Hugging_Face_layout_finds_the_SentencePiece_model_above_the_onnx_folder()
    {
        // multilingual-e5-small as downloaded: onnx/model.onnx, sentencepiece.bpe.model beside the onnx folder.
        var model = Path.Combine(_root, "multilingual-e5-small", "onnx", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllBytes(model, EmbeddingModelFiles.ReadBundledModel());
        TinySentencePieceModel.Write(Path.Combine(_root, "multilingual-e5-small", "sentencepiece.bpe.model"));

        using var embedder = new OnnxEmbedder(Options.Create(new EmbeddingOptions
        {
            ModelPath = model,
            QueryPrefix = "query: ",
            PassagePrefix = "passage: ",
        }));

        Assert.Equal("multilingual-e5-small/model.onnx (query prefix 'query: ', passage prefix 'passage: ')", embedder.ModelId);
        Assert.IsType<SentencePieceModelTokenizer>(embedder.Tokenizer);
        Assert.Equal(0, embedder.Tokenizer.StartId);
        Assert.Equal(384, embedder.Embed(["give oral rehydration salts"], EmbeddingPurpose.Passage)[0].Length);
    }

    [Fact]
    public void A_vocab_txt_next_to_the_model_is_WordPiece()
    {
        var model = Path.Combine(_root, "bge-small", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllText(Path.Combine(_root, "bge-small", "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n");

        var file = TokenizerFiles.Resolve(new EmbeddingOptions { ModelPath = model });

        Assert.Equal(TokenizerKind.WordPiece, file.Kind);
        Assert.Equal(Path.Combine(_root, "bge-small", "vocab.txt"), file.Path);
        Assert.Equal("bge-small/model.onnx", EmbeddingModelId.For(new EmbeddingOptions { ModelPath = model }, file));
    }

    [Fact]
    public void The_tokenizer_kind_may_be_set_against_the_file_name()
    {
        var vocabulary = Path.Combine(_root, "tokens.model");
        File.WriteAllText(vocabulary, "[PAD]\n");
        var options = new EmbeddingOptions { VocabPath = vocabulary, Tokenizer = TokenizerKind.WordPiece };
        Assert.Equal(TokenizerKind.WordPiece, TokenizerFiles.Resolve(options).Kind);
        Assert.Equal(TokenizerKind.SentencePiece, TokenizerFiles.Resolve(new EmbeddingOptions { VocabPath = vocabulary }).Kind);
    }

    [Fact]
    public void The_default_configuration_is_the_bundled_model_under_its_plain_name()
    {
        var options = new EmbeddingOptions();
        var file = TokenizerFiles.Resolve(options);
        Assert.Equal(new TokenizerFile(null, TokenizerKind.WordPiece), file);
        Assert.Equal("all-MiniLM-L6-v2", EmbeddingModelId.For(options, file));
        Assert.Equal("all-MiniLM-L6-v2 (cased)", EmbeddingModelId.For(new EmbeddingOptions { LowerCase = false }, file));
    }

    [Fact]
    public void A_missing_tokenizer_file_fails_with_a_clear_message()
    {
        var missing = Path.Combine(_root, "nowhere", "sentencepiece.bpe.model");
        var error = Assert.Throws<InvalidOperationException>(() => TokenizerFiles.Resolve(new EmbeddingOptions { VocabPath = missing }));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);

        error = Assert.Throws<InvalidOperationException>(() => TokenizerFiles.Resolve(new EmbeddingOptions { Tokenizer = TokenizerKind.SentencePiece }));
        Assert.Contains("Embedding:VocabPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_SentencePiece_model_is_named_in_the_error()
    {
        var notAModel = Path.Combine(_root, "sentencepiece.bpe.model");
        File.WriteAllText(notAModel, "{\"version\": \"1.0\", \"model\": {\"type\": \"Unigram\"}}");
        var error = Assert.Throws<InvalidOperationException>(
            () => TokenizerFiles.Open(TokenizerFiles.Resolve(new EmbeddingOptions { VocabPath = notAModel }), new EmbeddingOptions()));
        Assert.Contains(notAModel, error.Message, StringComparison.Ordinal);
    }
}

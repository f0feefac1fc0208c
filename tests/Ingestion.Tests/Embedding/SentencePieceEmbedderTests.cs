using Meditron.Core.Ports;
using Meditron.Ingestion.Embedding;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>The second configuration (see <see cref="SentencePieceEmbedderFixture"/>): SentencePiece ids, prefixes, pooling.</summary>
public sealed class SentencePieceEmbedderTests(SentencePieceEmbedderFixture fixture) : IClassFixture<SentencePieceEmbedderFixture>
{
    private const string Text = "give oral amoxicillin to children with pneumonia";
    private const string Question = "how should pneumonia be treated";

    private static int Fairseq(string piece) => TinySentencePieceModel.IdOf(piece) + 1;

    [Fact]
    public void Vectors_have_the_model_dimension_and_unit_norm()
    {
        var vectors = fixture.Embedder.Embed([Text, "refer to hospital", ""], EmbeddingPurpose.Passage);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Vectors.Norm(v), 4);
        });
        Assert.Equal(384, fixture.Embedder.Embed([Question], EmbeddingPurpose.Query)[0].Length);
    }

    [Fact]
    public void The_model_id_names_what_makes_these_vectors_different()
    {
        Assert.Equal(
            "all-MiniLM-L6-v2 (tokenizer tiny.model, cls pooling, query prefix 'query: ', passage prefix 'passage: ')",
            fixture.Embedder.ModelId);
        Assert.Equal("all-MiniLM-L6-v2 (tokenizer tiny.model, cls pooling)", fixture.WithoutPrefixes.ModelId);
    }

    [Fact]
    public void Fairseq_ids_open_with_s_close_with_end_and_shift_pieces_by_one()
    {
        int[] expected = [0, Fairseq("▁passage"), Fairseq(":"), Fairseq("▁give"), Fairseq("▁oral"), 2];
        Assert.Equal(expected, fixture.Embedder.Encode("give oral"));
        Assert.Equal([0, Fairseq("▁query"), Fairseq(":"), Fairseq("▁fox"), 2], fixture.Embedder.Encode("fox", EmbeddingPurpose.Query));
        Assert.Contains(3, fixture.Embedder.Encode("give ωω oral")); // <unk> is 3 in fairseq's dictionary
    }

    [Fact]
    public void AsInModel_ids_are_those_of_the_model_file()
    {
        using var model = File.OpenRead(fixture.ModelFile);
        var tokenizer = new SentencePieceModelTokenizer(model, SentencePieceIds.AsInModel);
        Assert.Equal([1, TinySentencePieceModel.IdOf("▁give"), TinySentencePieceModel.IdOf("▁oral"), 2], tokenizer.Encode("give oral", 16));
        Assert.Equal(0, tokenizer.UnknownId);
    }

    [Fact]
    public void A_question_and_the_same_text_as_a_passage_get_different_vectors()
    {
        var query = fixture.Embedder.Embed([Text], EmbeddingPurpose.Query)[0];
        var passage = fixture.Embedder.Embed([Text], EmbeddingPurpose.Passage)[0];
        Assert.True(Vectors.Cosine(query, passage) < 0.9999, $"cosine {Vectors.Cosine(query, passage)}");
    }

    [Fact]
    public void Prefixes_change_the_vector()
    {
        var prefixed = fixture.Embedder.Embed([Text], EmbeddingPurpose.Passage)[0];
        var plain = fixture.WithoutPrefixes.Embed([Text], EmbeddingPurpose.Passage)[0];
        Assert.True(Vectors.Cosine(prefixed, plain) < 0.9999, $"cosine {Vectors.Cosine(prefixed, plain)}");

        // Without prefixes a query and a passage are the same text, so the same vector.
        Assert.Equal(fixture.WithoutPrefixes.Embed([Text], EmbeddingPurpose.Query)[0], plain);
    }

    [Fact]
    public void Mean_and_cls_pooling_give_different_vectors()
    {
        var cls = fixture.Embedder.Embed([Text], EmbeddingPurpose.Passage)[0];
        var mean = fixture.MeanPooled.Embed([Text], EmbeddingPurpose.Passage)[0];
        Assert.True(Vectors.Cosine(cls, mean) < 0.9999, $"cosine {Vectors.Cosine(cls, mean)}");
    }

    [Fact]
    public void Batches_give_the_vectors_of_single_texts()
    {
        string[] texts = [Text, "fox", Question, "refer to hospital"];
        var batch = fixture.Embedder.Embed(texts, EmbeddingPurpose.Passage);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.Cosine(fixture.Embedder.Embed([texts[i]], EmbeddingPurpose.Passage)[0], batch[i]) > 0.9999, $"text {i}");
        }
    }

    [Fact]
    public void CountTokens_counts_the_passage_prefix_as_chunk_sizes_must()
    {
        Assert.Equal(fixture.Embedder.Encode("give oral").Length, fixture.Embedder.CountTokens("give oral"));
        Assert.Equal(6, fixture.Embedder.CountTokens("give oral"));
        Assert.Equal(4, fixture.WithoutPrefixes.CountTokens("give oral"));
    }

    [Fact]
    public void Long_texts_are_cut_to_MaxTokens()
    {
        var longText = string.Join(' ', Enumerable.Repeat("rehydration salts", 300));
        var ids = fixture.Embedder.Encode(longText);
        Assert.Equal(256, ids.Length);
        Assert.Equal(0, ids[0]);
        Assert.Equal(2, ids[^1]);
        Assert.True(fixture.Embedder.CountTokens(longText) > 600);
    }
}

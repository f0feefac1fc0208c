using System.Numerics.Tensors;
using Meditron.Application.Answering;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Tests;

public sealed class PassageSimilarityTests
{
    [Fact]
    public void A_passage_with_a_stored_text_vector_is_not_embedded_again_and_one_without_is()
    {
        using var onnx = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));
        var counting = new CountingEmbedder(onnx);
        const string Stored = "Give oral rehydration salts after each loose stool.";
        const string Older = "Continue breastfeeding during diarrhoea.";
        var query = onnx.Embed(["How often is ORS given?"], EmbeddingPurpose.Query)[0];
        var kept = onnx.Embed([Stored], EmbeddingPurpose.Passage)[0];

        var similarities = PassageSimilarity.Of(counting, query, [Passage(Stored, kept), Passage(Older, textVector: null)], CancellationToken.None);

        Assert.Equal([(Older, EmbeddingPurpose.Passage)], counting.Embedded);
        Assert.Equal(TensorPrimitives.Dot(query, kept), similarities[0], 6);
        Assert.Equal(TensorPrimitives.Dot(query, onnx.Embed([Older], EmbeddingPurpose.Passage)[0]), similarities[1], 6);
    }

    [Fact]
    public void A_stored_vector_of_another_size_is_not_trusted()
    {
        using var onnx = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));
        var counting = new CountingEmbedder(onnx);
        var query = onnx.Embed(["How often is ORS given?"], EmbeddingPurpose.Query)[0];

        var similarities = PassageSimilarity.Of(counting, query, [Passage("Give ORS after each loose stool.", new float[8])], CancellationToken.None);

        Assert.Single(counting.Embedded);
        Assert.InRange(similarities[0], 0.3f, 1f);
    }

    private static SearchResult Passage(string text, float[]? textVector) => new()
    {
        Rank = 1, Score = 1, DocumentId = "d", File = "d.pdf", Title = "T", Publisher = "P", Edition = "1", Page = 1, PageEnd = 1,
        Section = "1 Dehydration", Text = text, Current = true, TextVector = textVector,
    };
}

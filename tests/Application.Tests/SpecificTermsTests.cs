using Meditron.Application.Answering;
using Meditron.Ingestion.Embedding;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Tests;

/// <summary>Which never-indexed words are a sign, with the shipped embedding model's vocabulary.</summary>
public sealed class SpecificTermsTests : IClassFixture<SpecificTermsTests.Embedder>
{
    private readonly OnnxEmbedder _embedder;

    public SpecificTermsTests(Embedder fixture) => _embedder = fixture.Model;

    [Fact]
    public void Names_the_vocabulary_cuts_into_pieces_are_specific_and_plain_english_words_are_not()
    {
        const string Question = "Roughly what dose of nirsevimab prevents RSV?";

        var specific = SpecificTerms.Of(["roughly", "nirsevimab", "rsv"], Question, "en", _embedder);

        Assert.Equal(["nirsevimab", "rsv"], specific);
    }

    [Fact]
    public void Inflected_and_prefixed_forms_of_whole_vocabulary_words_are_plain()
    {
        const string Question = "We have heaps of old nets; is porridge tasty without salt; how do I rewarm a child with podoconiosis or mpox?";

        var specific = SpecificTerms.Of(["heaps", "tasty", "rewarm", "podoconiosis", "mpox"], Question, "en", _embedder);

        Assert.Equal(["podoconiosis", "mpox"], specific);
    }

    [Fact]
    public void In_a_spanish_question_only_acronyms_and_words_with_digits_count()
    {
        const string Question = "¿Cuánto tiempo se recomienda leche materna contra el VRS o la escala PHQ9?";

        var specific = SpecificTerms.Of(["tiempo", "recomienda", "leche", "vrs", "phq9"], Question, "es", _embedder);

        Assert.Equal(["vrs", "phq9"], specific);
    }

    public sealed class Embedder : IDisposable
    {
        public OnnxEmbedder Model { get; } = new(Options.Create(new EmbeddingOptions()));

        public void Dispose() => Model.Dispose();
    }
}

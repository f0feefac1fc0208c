using Meditron.Retrieval.Analysis;
using Meditron.Retrieval.Qdrant;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class SparseVectorEncoderTests
{
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Term_index_is_32_bit_FNV_1a_of_the_UTF8_bytes(string term, uint expected)
    {
        Assert.Equal(expected, SparseVectorEncoder.TermIndex(term));
    }

    [Fact]
    public void Term_index_of_a_long_or_non_ascii_term_is_stable()
    {
        string longTerm = new('x', 500);
        Assert.Equal(SparseVectorEncoder.TermIndex(longTerm), SparseVectorEncoder.TermIndex(new string('x', 500)));
        Assert.NotEqual(SparseVectorEncoder.TermIndex("fièvre"), SparseVectorEncoder.TermIndex("fievre"));
    }

    [Fact]
    public void Same_text_gives_the_same_vector_on_every_call()
    {
        var first = SparseVectorEncoder.Document("4 Treatment", "Give amoxicillin for pneumonia. Amoxicillin dispersible tablets.", "en");
        var second = SparseVectorEncoder.Document("4 Treatment", "Give amoxicillin for pneumonia. Amoxicillin dispersible tablets.", "en");

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Values, second.Values);
    }

    [Fact]
    public void Indices_are_strictly_increasing_and_match_the_analyzed_terms()
    {
        var vector = SparseVectorEncoder.Document("Severe pneumonia", "Refer urgently: severe pneumonia with chest indrawing.", "en");

        Assert.True(vector.Indices.Zip(vector.Indices.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(vector.Indices.Length, vector.Values.Length);
        var expected = TextAnalyzer.DocumentTerms("Severe pneumonia\nRefer urgently: severe pneumonia with chest indrawing.", "en")
            .Select(SparseVectorEncoder.TermIndex).Distinct().Order();
        Assert.Equal(expected, vector.Indices);
    }

    [Fact]
    public void Repeated_terms_weigh_more_but_saturate()
    {
        uint index = SparseVectorEncoder.TermIndex("fever");
        float Weight(int repeats)
        {
            var v = SparseVectorEncoder.FromDocumentTerms(Enumerable.Repeat("fever", repeats).Append("other").ToList());
            return v.Values[Array.IndexOf(v.Indices, index)];
        }

        Assert.True(Weight(2) > Weight(1));
        Assert.True(Weight(20) < SparseVectorEncoder.K1 + 1);
    }

    [Fact]
    public void Values_follow_BM25_saturation_with_the_constant_average_length()
    {
        var terms = new List<string> { "a", "a", "b" };
        var v = SparseVectorEncoder.FromDocumentTerms(terms);

        float norm = SparseVectorEncoder.K1 * (1 - SparseVectorEncoder.B + SparseVectorEncoder.B * 3 / SparseVectorEncoder.AverageLength);
        float expectedA = 2 * (SparseVectorEncoder.K1 + 1) / (2 + norm);
        Assert.Equal(expectedA, v.Values[Array.IndexOf(v.Indices, SparseVectorEncoder.TermIndex("a"))], 5);
    }

    [Fact]
    public void Query_terms_hit_the_same_indices_as_document_terms()
    {
        var document = SparseVectorEncoder.Document("", "Treatment of uncomplicated malaria in children", "en");
        var query = SparseVectorEncoder.Query("treating malaria");

        Assert.Contains(SparseVectorEncoder.TermIndex("malaria"), query.Indices);
        Assert.Contains(SparseVectorEncoder.TermIndex("malaria"), document.Indices);
        Assert.All(query.Values, v => Assert.Equal(1f, v));
        Assert.True(query.Indices.Zip(query.Indices.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void A_text_without_terms_gives_an_empty_vector()
    {
        // A query is analysed in every language: "the" is an English stop word but a term in French.
        Assert.True(SparseVectorEncoder.Query("... ?!").IsEmpty);
        Assert.True(SparseVectorEncoder.Document("", "", "en").IsEmpty);
        Assert.True(SparseVectorEncoder.Document("", "the and of", "en").IsEmpty);
    }

    [Fact]
    public void Section_heading_terms_are_part_of_the_document_vector()
    {
        var withSection = SparseVectorEncoder.Document("Cholera", "Give oral rehydration salts.", "en");
        var without = SparseVectorEncoder.Document("", "Give oral rehydration salts.", "en");

        uint cholera = SparseVectorEncoder.TermIndex(TextAnalyzer.DocumentTerms("Cholera", "en").Single());
        Assert.Contains(cholera, withSection.Indices);
        Assert.DoesNotContain(cholera, without.Indices);
    }
}

using Meditron.Core.Documents;
using Meditron.Retrieval.Analysis;

namespace Meditron.Retrieval.Tests.Search;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("en", "Treating children with severe pneumonia", "pneumonia")]
    [InlineData("fr", "Les enfants déshydratés doivent boire des solutions", "enfant")]
    [InlineData("es", "Los niños con cólera necesitan rehidratación", "niñ")]
    public void Documents_are_stemmed_and_stop_words_dropped_in_their_language(string language, string text, string expectedStem)
    {
        var terms = TextAnalyzer.DocumentTerms(text, language);
        Assert.Contains(terms, t => t.StartsWith(expectedStem, StringComparison.Ordinal));
        Assert.DoesNotContain(terms, t => t is "with" or "les" or "des" or "los" or "con");
    }

    [Fact]
    public void A_query_matches_the_stems_of_every_supported_language()
    {
        var query = TextAnalyzer.QueryTerms("niños deshidratados");
        var document = TextAnalyzer.DocumentTerms("El niño está deshidratado", "es");
        Assert.Contains(query, document.Contains);
    }

    [Fact]
    public void Doses_stay_whole_terms_and_the_match_expression_quotes_every_term()
    {
        var chunk = new Chunk { DocumentId = "d", ChunkNo = 0, Text = "Give 12.5 mg/kg of zinc", PageStart = 1, PageEnd = 1, Section = "Diarrhoea" };
        string terms = Bm25Terms.ForChunk(chunk);
        Assert.Contains("12_5", terms.Split(' '));
        Assert.Contains("diarrhoea", terms.Split(' '));
        string? match = Bm25Terms.MatchExpression("zinc dose 12.5");
        Assert.NotNull(match);
        Assert.Contains("\"12_5\"", match, StringComparison.Ordinal);
        Assert.Null(Bm25Terms.MatchExpression("the of and"));
    }
}

using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public class QdrantWordCountTests
{
    [Fact]
    public void A_word_is_counted_by_a_text_match_on_the_chunk_text_in_lower_case()
    {
        var filter = QdrantWordCount.FilterFor(" Nirsevimab ");

        var condition = Assert.Single(filter!.Must);
        Assert.Equal("text", condition.Field.Key);
        Assert.Equal("nirsevimab", condition.Field.Match.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("the")]
    [InlineData("les")]
    public void Stop_words_and_empty_words_are_not_counted(string word) => Assert.Null(QdrantWordCount.FilterFor(word));

    [Fact]
    public void The_text_index_splits_words_and_folds_case_and_accents()
    {
        var parameters = QdrantWordCount.TextIndex.TextIndexParams;

        Assert.Equal(TokenizerType.Word, parameters.Tokenizer);
        Assert.True(parameters.Lowercase);
        Assert.True(parameters.AsciiFolding);
    }
}

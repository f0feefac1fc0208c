using Meditron.Generation.Extractive;

namespace Meditron.Generation.Tests.Extractive;

public class AnaphoraTests
{
    [Theory]
    [InlineData("This should be 8 or more times in 24 hours.", true)]
    [InlineData("These include convulsions and lethargy.", true)]
    [InlineData("It should be given with food.", true)]
    [InlineData("They are referred urgently.", true)]
    [InlineData("If she is uncertain, a negative urine pregnancy test can be requested.", true)]
    [InlineData("It is recommended that every child receives vitamin A.", false)]
    [InlineData("This guideline recommends oral amoxicillin.", false)]
    [InlineData("It should be emphasized that other sectors can benefit too.", false)]
    [InlineData("Thiamine should be given before glucose.", false)]
    public void Sentences_that_refer_back_are_recognised(string sentence, bool expected)
        => Assert.Equal(expected, Anaphora.RefersBack(sentence));

    [Fact]
    public void Only_the_sentence_right_before_is_an_antecedent()
    {
        const string Passage = "Breastfeed often.\n  This should be 8 times a day. DANGER SIGNS\nThis is urgent.";

        Assert.True(Anaphora.Adjacent(Passage, 0, "Breastfeed often.", Passage.IndexOf("This should", StringComparison.Ordinal)));
        Assert.False(Anaphora.Adjacent(Passage, 0, "Breastfeed often.", Passage.IndexOf("This is", StringComparison.Ordinal)));
    }
}

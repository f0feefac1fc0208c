using Meditron.Generation.Extractive;

namespace Meditron.Generation.Tests.Extractive;

public class AbbreviationsTests
{
    [Theory]
    [InlineData("Public health emergency management committees (PHEMC) should be established at all levels.", "phemc", "committees")]
    [InlineData("Countries use Integrated Disease Surveillance and Response (IDSR) to detect outbreaks.", "idsr", "surveillance")]
    [InlineData("Give the first dose intravenously (IV) over 3 minutes.", "iv", "intravenously")]
    [InlineData("Check the vaccine vial monitor (VVMs) before use.", "vvm", "monitor")]
    public void A_bracketed_short_form_is_read_as_the_words_before_it_that_spell_it(string text, string shortForm, string longFormWord)
    {
        var defined = Abbreviations.Defined([text]);

        Assert.Contains(longFormWord, defined[shortForm]);
    }

    [Theory]
    [InlineData("This was recommended by the committee (WHO, 2019).")]
    [InlineData("Treat the child as described above (see Annex 2).")]
    public void Brackets_whose_words_do_not_spell_the_short_form_define_nothing(string text)
    {
        var defined = Abbreviations.Defined([text]);

        Assert.DoesNotContain(defined, d => d.Key is "who" or "see");
    }

    [Fact]
    public void A_sentence_that_names_only_the_short_form_is_read_with_its_long_form_words()
    {
        var defined = Abbreviations.Defined(["Public health emergency management committees (PHEMC) should be established."]);

        var words = Abbreviations.Expanded(new HashSet<string>(["phemc", "chairperson"]), defined);

        Assert.Equal(new HashSet<string>(["phemc", "chairperson", "public", "health", "emergency", "management", "committees"]), words);
        Assert.Contains("committees", Abbreviations.Expanded(new HashSet<string>(["phemcs"]), defined)); // the plural short form
    }
}

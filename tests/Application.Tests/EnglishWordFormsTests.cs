using Meditron.Application.Answering;

namespace Meditron.Application.Tests;

public sealed class EnglishWordFormsTests
{
    [Theory]
    [InlineData("heaps", "heap")]
    [InlineData("tasty", "taste")]
    [InlineData("snipped", "snip")]
    [InlineData("babies", "baby")]
    [InlineData("rewarm", "warm")]
    [InlineData("Unwashed", "washed")]
    public void A_word_reduces_to_the_word_it_is_formed_from(string word, string expected) =>
        Assert.Contains(expected, EnglishWordForms.Bases(word));

    [Fact]
    public void The_word_itself_comes_first_and_no_base_is_shorter_than_three_letters()
    {
        var bases = EnglishWordForms.Bases("beds").ToList();

        Assert.Equal("beds", bases[0]);
        Assert.DoesNotContain(bases, b => b.Length < 3);
    }

    [Fact]
    public void A_name_without_an_english_ending_has_no_other_base() =>
        Assert.Equal(["nirsevimab"], EnglishWordForms.Bases("nirsevimab"));
}

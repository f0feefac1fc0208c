using Meditron.Core.Retrieval;
using Meditron.Retrieval;

namespace Meditron.Retrieval.Tests.Search;

public sealed class KeyTermSupportTests
{
    private static SearchResult Passage(string text, string section = "", string title = "") => new()
    {
        Rank = 1,
        Score = 1,
        DocumentId = "d1",
        File = "d1.pdf",
        Title = title,
        Publisher = "WHO",
        Edition = "2013",
        Page = 1,
        PageEnd = 1,
        Section = section,
        Text = text,
        Current = true,
    };

    [Fact]
    public void A_missing_rare_term_lowers_the_support_more_than_a_missing_common_one()
    {
        var evidence = new[] { Passage("Give praziquantel to the child after a meal.") };

        var rareHeld = new KeyTermSupport(new Dictionary<string, long> { ["praziquantel"] = 3, ["pregnancy"] = 900 }, 10_000).Of(evidence);
        var commonHeld = new KeyTermSupport(new Dictionary<string, long> { ["child"] = 900, ["albendazole"] = 3 }, 10_000).Of(evidence);

        Assert.True(rareHeld > 0.5, $"{rareHeld}");
        Assert.True(commonHeld < 0.5, $"{commonHeld}");
    }

    [Fact]
    public void Terms_match_by_stem_and_in_the_section_path_and_title()
    {
        var evidence = new[] { Passage("Give it twice a day.", section: "Treatment > Nebulised adrenaline", title: "Croup guideline") };

        Assert.Equal(1.0, new KeyTermSupport(new Dictionary<string, long> { ["nebulise"] = 5, ["croup"] = 7 }, 1_000).Of(evidence));
    }

    [Fact]
    public void A_section_path_naming_the_rare_subject_matches_the_topic_more_than_one_naming_a_common_word()
    {
        var counts = new Dictionary<string, long> { ["nephrotic"] = 4, ["child"] = 900, ["prednisolone"] = 40 };

        var subject = new KeyTermSupport(counts, 10_000).OfSection("Kidney diseases > Nephrotic syndrome");
        var common = new KeyTermSupport(counts, 10_000).OfSection("The sick child > Asthma");

        Assert.True(subject > 0.4, $"{subject}");
        Assert.True(common < 0.2, $"{common}");
        Assert.Equal(0, new KeyTermSupport(new Dictionary<string, long>(), 10_000).OfSection("Nephrotic syndrome"));
    }

    [Fact]
    public void A_question_without_key_terms_is_fully_supported() =>
        Assert.Equal(1.0, new KeyTermSupport(new Dictionary<string, long>(), 1_000).Of([Passage("Anything.")]));

    [Fact]
    public void The_weight_of_a_term_falls_as_more_chunks_hold_it_and_is_never_negative()
    {
        Assert.True(KeyTermSupport.InverseDocumentFrequency(0, 1_000) > KeyTermSupport.InverseDocumentFrequency(10, 1_000));
        Assert.True(KeyTermSupport.InverseDocumentFrequency(1_000, 1_000) >= 0);
    }
}

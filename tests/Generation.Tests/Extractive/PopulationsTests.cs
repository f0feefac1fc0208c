using Meditron.Generation.Extractive;

namespace Meditron.Generation.Tests.Extractive;

public sealed class PopulationsTests
{
    [Theory]
    [InlineData("A 4-year-old has a very high fever.", "Child")]
    [InlineData("My son is 7 months old and coughing.", "Child")]
    [InlineData("A toddler with croup.", "Child")]
    [InlineData("A 5-day-old is jaundiced.", "Newborn")]
    [InlineData("A man aged 45 years with high blood pressure.", "Adult")]
    [InlineData("Un patient âgé de 3 ans.", "Child")]
    [InlineData("Una paciente de edad de 8 meses.", "Child")]
    public void A_patient_named_by_age_is_of_that_population(string text, string expected) =>
        Assert.Equal(expected, Populations.Of(text).ToString());

    [Theory]
    [InlineData("Breastfeed the infant as often as he wants.", "Newborn, Child")]
    [InlineData("Check the young infant for jaundice.", "Newborn")]
    public void An_infant_may_be_a_young_infant_or_older_a_young_infant_is_a_newborn(string text, string expected) =>
        Assert.Equal(expected, Populations.Of(text).ToString());

    [Fact]
    public void The_people_a_sentence_excepts_are_not_whom_it_is_about() =>
        Assert.Equal("None", Populations.Of("Give primaquine to all patients except for pregnant women and infants < 1 months of age.").ToString());

    [Fact]
    public void A_duration_is_not_an_age() =>
        Assert.Equal("None", Populations.Of("Treat for 5 days, then review after 2 weeks.").ToString());

    [Fact]
    public void An_age_beside_an_adult_product_keeps_the_child_so_child_doses_are_not_a_conflict()
    {
        var asked = Populations.Of("A 4-year-old has a fever and all I have are 300 mg adult paracetamol tablets.");

        Assert.False(Populations.Conflict(asked, Populations.Of("Children 3 to 6 years: 1/2 tablet every 4 hours.")));
    }

    [Theory]
    [InlineData("How often should a young infant (under 2 months) be breastfed?", "Newborn")]
    [InlineData("Children aged 6–12 months need three meals a day.", "Child")]
    [InlineData("For infants 2 months up to 12 months, give half a tablet.", "Child")]
    [InlineData("Children under 5 years with fast breathing have pneumonia.", "Newborn, Child")]
    [InlineData("Patients 15 years and over take the adult dose.", "Child, Adult")]
    [InlineData("Adolescents ≥ 18 years: 500 mg.", "Child, Adult")]
    [InlineData("From 6 months of age, give complementary foods.", "Child, Adult")]
    [InlineData("Los niños de 2 a 5 años reciben 250 mg.", "Child")]
    public void An_age_range_written_as_an_age_names_the_populations_it_covers(string text, string expected) =>
        Assert.Equal(expected, Populations.Of(text).ToString());

    [Theory]
    [InlineData("Treat for 5–7 days.")]
    [InlineData("Cough for less than 14 days is not tuberculosis.")]
    [InlineData("Review after 2 to 3 days.")]
    public void A_duration_range_is_not_an_age(string text) =>
        Assert.Equal("None", Populations.Of(text).ToString());

    [Fact]
    public void A_sentence_under_an_age_row_header_is_about_that_age()
    {
        const string Table = "Up to 2 months\nBreastfeed as often as the infant wants.\n6–12 months\nGive adequate servings three times per day if breastfed.";

        Assert.Equal(Population.Newborn, Populations.OfContext(Table, Table.IndexOf("Breastfeed", StringComparison.Ordinal), "Feeding"));
        Assert.Equal(Population.Child, Populations.OfContext(Table, Table.IndexOf("Give", StringComparison.Ordinal), "Feeding"));
    }

    [Fact]
    public void Without_a_row_header_the_section_path_gives_the_age()
    {
        Assert.Equal(Population.Newborn | Population.Child,
            Populations.OfContext("Breastfeed as often as the child wants.", 0, "Counsel the mother > 29.1.1 Recommendations for ages up to 4 months"));
        Assert.Equal(Population.None, Populations.OfContext("Give zinc for 10–14 days.", 0, "Diarrhoea > Treatment"));
    }
}

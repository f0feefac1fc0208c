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

    [Fact]
    public void A_duration_is_not_an_age() =>
        Assert.Equal("None", Populations.Of("Treat for 5 days, then review after 2 weeks.").ToString());

    [Fact]
    public void An_age_beside_an_adult_product_keeps_the_child_so_child_doses_are_not_a_conflict()
    {
        var asked = Populations.Of("A 4-year-old has a fever and all I have are 300 mg adult paracetamol tablets.");

        Assert.False(Populations.Conflict(asked, Populations.Of("Children 3 to 6 years: 1/2 tablet every 4 hours.")));
    }
}

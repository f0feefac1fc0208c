using Meditron.Generation.Extractive;

namespace Meditron.Generation.Tests.Extractive;

public sealed class WeightBandsTests
{
    [Theory]
    [InlineData("A 19 kg child has uncomplicated falciparum malaria.", new[] { 19.0 })]
    [InlineData("A 10-month-old weighing 9 kg cannot drink.", new[] { 9.0 })]
    [InlineData("A 2.5 kg newborn needs gentamicin.", new[] { 2.5 })]
    [InlineData("What is the amoxicillin dose in mg/kg for pneumonia?", new double[0])]
    [InlineData("Give 75 ml/kg of ORS over 4 hours: how much for my patient?", new double[0])]
    [InlineData("What dose for children weighing 15 to <25 kg?", new double[0])]
    public void A_question_states_its_patients_weight_never_a_dose_per_kilogram_or_a_band(string question, double[] expected) =>
        Assert.Equal(expected, WeightBands.Stated(question));

    [Theory]
    [InlineData("child weighing 5 – < 15 kg: one tablet twice a day for 3 days", true)]
    [InlineData("For 15 to <25 kg: 40 mg artemether + 240 mg lumefantrine twice a day.", false)]
    [InlineData("≥ 35 kg: four tablets twice a day.", true)]
    [InlineData("Children under 20 kg: 600 000 units.", false)]
    [InlineData("Benzathine penicillin 1.2 MU for >20 kg.", true)]
    [InlineData("5–14 kg: 1 tablet; 15–24 kg: 2 tablets; 25–34 kg: 3 tablets.", false)]
    [InlineData("15–19 kg: 2 tablets.", false)]
    [InlineData("15–18 kg: 2 tablets.", true)]
    [InlineData("Give artemether-lumefantrine 20 mg/kg twice a day.", false)]
    [InlineData("Give 100 ml/kg (5,000 ml for 50 kg) in 3 hours.", false)]
    public void A_band_that_does_not_hold_the_patients_weight_is_a_conflict(string sentence, bool expected) =>
        Assert.Equal(expected, WeightBands.Conflict([19.0], sentence));

    [Fact]
    public void Without_a_stated_weight_nothing_conflicts() =>
        Assert.False(WeightBands.Conflict([], "child weighing 5 – < 15 kg: one tablet twice a day"));
}

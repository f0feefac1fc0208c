using Meditron.Api.Integrations.CdsHooks;

namespace Meditron.Api.Tests.Integrations.CdsHooks;

public sealed class DoseRangeTests
{
    private static readonly DraftedMedication Amoxicillin45 = new("amoxicillin", 45, "mg/kg", "Oral route");

    [Theory]
    [InlineData("Give oral amoxicillin 40 to 50 mg/kg twice daily for 5 days.")]
    [InlineData("Give oral amoxicillin 40–50 mg/kg twice daily for 5 days.")]
    [InlineData("Give oral amoxicillin 40-50 MG/KG twice daily for 5 days.")]
    public void A_stated_range_in_the_drafted_unit_is_found(string quote)
    {
        var range = DoseRange.Find([quote], Amoxicillin45);
        Assert.NotNull(range);
        Assert.Equal((40m, 50m), (range.Low, range.High));
        Assert.False(range.Excludes(45));
        Assert.True(range.Excludes(90));
        Assert.True(range.Excludes(20));
    }

    [Fact]
    public void A_range_in_another_unit_or_a_single_dose_gives_no_verdict()
    {
        Assert.Null(DoseRange.Find(["Children aged 2 to 59 months: amoxicillin 40 mg/kg twice daily."], Amoxicillin45));
        Assert.Null(DoseRange.Find(["Amoxicillin 250 to 500 mg three times daily."], Amoxicillin45));
        Assert.Null(DoseRange.Find(["Amoxicillin 40 to 50 mg/kg twice daily."], Amoxicillin45 with { DoseUnit = null }));
    }

    [Fact]
    public void A_quote_that_names_the_drug_comes_first()
    {
        var range = DoseRange.Find(["Give cotrimoxazole 4 to 6 mg/kg.", "Give amoxicillin 40 to 50 mg/kg."], Amoxicillin45);
        Assert.Equal(40m, range?.Low);
    }

    [Theory]
    [InlineData("2025-06-01", "2025-06-10", AgeGroup.Newborn, "9 days")]
    [InlineData("2025-01-15", "2025-06-10", AgeGroup.Infant, "4 months")]
    [InlineData("2023-05-01", "2025-06-10", AgeGroup.Child, "2 years")]
    [InlineData("2010-06-11", "2025-06-10", AgeGroup.Adolescent, "14 years")]
    [InlineData("1985-01-01", "2025-06-10", AgeGroup.Adult, "40 years")]
    [InlineData("1950-01-01", "2025-06-10", AgeGroup.OlderAdult, "75 years")]
    public void The_age_group_comes_from_the_birth_date(string born, string today, AgeGroup group, string age)
    {
        Assert.Equal((group, age), PatientRecord.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_patient_is_described_as_a_guideline_names_them()
    {
        Assert.Equal("a child aged 2 years", new PatientRecord { AgeGroup = AgeGroup.Child, Age = "2 years", Sex = "female" }.Describe());
        Assert.Equal("a pregnant woman aged 25 years", new PatientRecord { AgeGroup = AgeGroup.Adult, Age = "25 years", Sex = "female", Pregnant = true }.Describe());
        Assert.Equal("an infant aged 4 months", new PatientRecord { AgeGroup = AgeGroup.Infant, Age = "4 months" }.Describe());
    }
}

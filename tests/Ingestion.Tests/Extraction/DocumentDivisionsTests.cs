using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public class DocumentDivisionsTests
{
    [Theory]
    [InlineData("Annex 4F: Contacts recording sheet", "4F")]
    [InlineData("APPENDIX A: INFECTION PREVENTION CHECKLIST FOR OUTPATIENT SETTINGS", "A")]
    [InlineData("Annex 7 F: List of Stakeholders and Partners", "7F")]
    [InlineData("Annex 4.2 Safety of praziquantel for treatment of schistosomiasis", "4.2")]
    [InlineData("Annex 2. Managing declarations of interest", "2")]
    [InlineData("Appendix 2 – Preparation of therapeutic feeds", "2")]
    [InlineData("Annexe A", "A")]
    [InlineData("Annex I: Documenting Data and Standards", "I")]
    [InlineData("Anexo 3", "3")]
    [InlineData("ANNEX B: SAMPLE CASE RECORDING FORMS", "B")]
    [InlineData("Annex 7B.1 Line list", "7B.1")]
    public void An_annex_or_appendix_heading_gives_its_label(string heading, string label) =>
        Assert.Equal(label, DocumentDivisions.Label(heading));

    [Theory]
    [InlineData("Annex to the regulations on refugee status")]
    [InlineData("Annexes")]
    [InlineData("Appendicitis in children")]
    [InlineData("4.2 Pneumonia")]
    [InlineData("Annex Amoxicillin dosing")]
    public void A_heading_that_opens_no_annex_has_no_label(string heading) =>
        Assert.Null(DocumentDivisions.Label(heading));

    [Theory]
    [InlineData("Annexes", true)]
    [InlineData("APPENDICES", true)]
    [InlineData("Anexos:", true)]
    [InlineData("Annex 1", false)]
    public void The_part_that_holds_the_annexes_is_recognised(string heading, bool part) =>
        Assert.Equal(part, DocumentDivisions.IsPartTitle(heading));

    [Fact]
    public void A_numbered_annex_is_a_part_of_the_annex_its_number_extends()
    {
        Assert.True(DocumentDivisions.IsPartOf("4.2", "4"));
        Assert.False(DocumentDivisions.IsPartOf("42", "4"));
        Assert.False(DocumentDivisions.IsPartOf("4", "4"));
    }
}

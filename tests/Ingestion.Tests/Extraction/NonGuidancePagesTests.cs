using Meditron.Core.Documents;
using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Pages that are not guidance, through the whole extractor: small PDFs written by the test.</summary>
public sealed class NonGuidancePagesTests
{
    [Fact]
    public void A_contents_page_is_flagged_and_the_guidance_page_after_it_is_not()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Contents", 50, 80, 16, bold: true)
            .Lines(50, 120,
                "Preface ........................................................ v",
                "1 Triage and emergency conditions ............................ 1",
                "1.1 Emergency signs ............................................. 2",
                "1.2 Priority signs .............................................. 4",
                "2 Cough or difficulty in breathing ........................... 9",
                "2.1 Pneumonia ................................................... 12")
            .NewPage()
            .Text("1 Triage and emergency conditions", 50, 80, 16, bold: true)
            .Lines(50, 120,
                "Triage is the process of rapidly screening sick children soon after their arrival in hospital.",
                "Emergency signs include obstructed breathing, severe respiratory distress and central cyanosis.")
            .Build();

        var pages = TestPdf.Extract(pdf).Pages;

        Assert.All(pages[0].Blocks, b => Assert.Equal(ChunkKind.Contents, b.ChunkKind));
        Assert.All(pages[1].Blocks, b => Assert.Equal(ChunkKind.Guidance, b.ChunkKind));
    }

    [Fact]
    public void A_form_below_its_instructions_is_flagged_and_the_instructions_are_not()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Annex 4F: Contacts recording sheet", 50, 80, 14, bold: true)
            .Lines(50, 110,
                "Record every contact of the case, and visit each contact every day for 21 days after the last exposure.",
                "Refer a contact who develops fever to the isolation ward at once.")
            .Lines(50, 170,
                "Case name _____________________ Case number ____________",
                "Village or neighbourhood _____________________",
                "Date of symptom onset _____________________",
                "Hospitalized _____________________",
                "Signature:")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;

        Assert.Equal(ChunkKind.Guidance, Assert.Single(blocks, b => b.Text.StartsWith("Record every contact", StringComparison.Ordinal)).ChunkKind);
        Assert.Contains(blocks, b => b.ChunkKind == ChunkKind.Form && b.Text.Contains("Case name", StringComparison.Ordinal));
    }
}

using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>
/// A chapter opening in display type, as the WHO/IDF diabetes report sets its issues: a numeral hundreds of points high
/// behind the title and the first paragraph, the title in a small-caps font whose text layer holds small letters.
/// </summary>
public sealed class DecorativeNumeralTests
{
    [Fact]
    public void The_lines_beside_a_giant_numeral_are_read_line_by_line()
    {
        using var builder = new TestPdf();
        builder.NewPage()
            .Text("4", 300, 320, 300) // its box spans the title and the paragraph's lines, its centre above theirs
            .Text("How should impaired fasting glucose be defined?", 60, 240, 20)
            .Lines(60, 260,
                "In 1997 the expert committee introduced the category of impaired",
                "fasting glucose to describe the zone between the upper limit of",
                "normal fasting plasma glucose and the lower limit of the diabetic",
                "fasting plasma glucose.");

        var text = TestPdf.AllText(TestPdf.Extract(builder.Build()));

        Assert.Contains("How should impaired fasting glucose be defined?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4", text.Replace("1997", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("In 1997 the expert committee introduced the category of impaired fasting glucose to describe the zone",
            text.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_in_display_type_heads_its_section_whatever_the_case_of_its_first_letter()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("how should impaired fasting glucose be defined?", 60, 80, 24)
            .Lines(60, 130, TestPdf.Body(1), "and continues with the next step of the assessment")
            .Text("a note in body type", 60, 200)
            .Lines(60, 230, TestPdf.Body(2))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;

        Assert.Equal("how should impaired fasting glucose be defined?", Assert.Single(blocks, b => b.Kind == BlockKind.Heading).Text);
        Assert.All(blocks.Where(b => b.Kind == BlockKind.Paragraph), b => Assert.Equal("how should impaired fasting glucose be defined?", b.Section));
    }
}

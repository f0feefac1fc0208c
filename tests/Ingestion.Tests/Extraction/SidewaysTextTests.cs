namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Text drawn sideways on an unrotated page (landscape tables and forms turned to fit) is read in its own frame.</summary>
public sealed class SidewaysTextTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_page_drawn_sideways_is_read_with_its_lines_and_columns_in_order(bool down)
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .SidewaysLines(50, 60, down, "A title spanning both of the columns of this form")
            .SidewaysLines(50, 90, down, "Left one alpha text here", "Left two alpha text here", "Left three alpha text here")
            .SidewaysLines(450, 90, down, "Right one beta text here", "Right two beta text here", "Right three beta text here")
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        string[] expected =
        [
            "A title spanning both of the columns of this form",
            "Left one alpha text here", "Left two alpha text here", "Left three alpha text here",
            "Right one beta text here", "Right two beta text here", "Right three beta text here",
        ];
        var positions = expected.Select(e => text.IndexOf(e, StringComparison.Ordinal)).ToList();
        Assert.True(positions.All(p => p >= 0), text);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void A_short_sideways_label_on_an_upright_page_is_dropped_and_the_page_reads_as_before()
    {
        string[] body = [TestPdf.Body(1), TestPdf.Body(2), TestPdf.Body(3)];
        using var plain = new TestPdf();
        using var labelled = new TestPdf();
        plain.NewPage().Lines(80, 120, body);
        labelled.NewPage().Lines(80, 120, body).SidewaysText("Weight in kg", 40, 400, down: false);

        var expected = TestPdf.AllText(TestPdf.Extract(plain.Build()));
        var text = TestPdf.AllText(TestPdf.Extract(labelled.Build()));

        Assert.Equal(expected, text);
        Assert.DoesNotContain("Weight", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_sideways_panel_beside_upright_text_is_read_after_it()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Lines(50, 120, TestPdf.Body(1), TestPdf.Body(2), TestPdf.Body(3), TestPdf.Body(4))
            .SidewaysText("Antimicrobial drugs for common conditions: please fill the blanks", 540, 800, down: false)
            .SidewaysText("with the first-line drugs and doses recommended in your country", 554, 800, down: false)
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        var panel = text.IndexOf("Antimicrobial drugs for common conditions", StringComparison.Ordinal);
        Assert.True(panel >= 0, text);
        Assert.True(text.IndexOf("Paragraph 4 explains", StringComparison.Ordinal) is var last && last >= 0 && last < panel, text);
    }

    [Fact]
    public void A_sideways_table_page_keeps_the_upright_page_number_and_running_header_handling()
    {
        using var pdf = new TestPdf();
        for (var i = 0; i < 4; i++)
        {
            pdf.NewPage()
                .Text("Pocket book of hospital care", 50, 40, 8)
                .Text((11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), 290, 800, 8);
            if (i == 2)
            {
                pdf.SidewaysLines(60, 80, down: false, "Doses of common drugs for neonates", "Ampicillin 50 mg/kg every 12 h", "Gentamicin 3 mg/kg once daily", "Caffeine citrate 20 mg/kg loading dose");
            }
            else
            {
                pdf.Lines(50, 120, TestPdf.Body(i), "and continues with the management plan for page " + i);
            }
        }

        var document = TestPdf.Extract(pdf.Build());
        var page = document.Pages[2];
        var text = string.Join("\n", page.Blocks.Select(b => b.Text));

        Assert.Equal("13", page.Label);
        Assert.Contains("Gentamicin 3 mg/kg once daily", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pocket book of hospital care", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13", text.Split('\n'));
    }
}

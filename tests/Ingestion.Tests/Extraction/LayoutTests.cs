using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class LayoutTests
{
    [Fact]
    public void Two_columns_are_read_left_column_first_without_interleaving()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Lines(50, 100, "Left one alpha text here", "Left two alpha text here", "Left three alpha text here", "Left four alpha text here")
            .Lines(320, 100, "Right one beta text here", "Right two beta text here", "Right three beta text here", "Right four beta text here")
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        var lastLeft = text.IndexOf("Left four", StringComparison.Ordinal);
        var firstRight = text.IndexOf("Right one", StringComparison.Ordinal);
        Assert.True(lastLeft >= 0 && firstRight >= 0, text);
        Assert.True(lastLeft < firstRight, text);
        Assert.True(text.IndexOf("Left one", StringComparison.Ordinal) < text.IndexOf("Left two", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Right three", StringComparison.Ordinal) < text.IndexOf("Right four", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(a)", "(b)", "(c)")]
    [InlineData("•", "•", "•")]
    public void A_list_mark_set_apart_by_a_hanging_indent_stays_with_its_item(string first, string second, string third)
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("The district committee shall:", 50, 100)
            .Text(first, 50, 114).Lines(72, 114, "activate the coordinating structures and deploy", "the response team to the field;")
            .Text(second, 50, 142).Text("assess the need for support from the higher level;", 72, 142)
            .Text(third, 50, 156).Text("meet at least daily at the beginning of an outbreak.", 72, 156)
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Contains($"{first} activate the coordinating structures", text, StringComparison.Ordinal);
        Assert.Contains($"{second} assess the need", text, StringComparison.Ordinal);
        Assert.Contains($"{third} meet at least daily", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_columns_under_a_full_width_title_are_not_interleaved()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("A title spanning both of the columns of this page", 50, 80, 10)
            .Lines(50, 100, "Left one alpha text here", "Left two alpha text here", "Left three alpha text here")
            .Lines(320, 100, "Right one beta text here", "Right two beta text here", "Right three beta text here")
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.True(text.IndexOf("A title", StringComparison.Ordinal) < text.IndexOf("Left one", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("Left three", StringComparison.Ordinal) < text.IndexOf("Right one", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Running_header_and_footer_are_removed_and_the_printed_number_is_the_label()
    {
        using var pdf = new TestPdf();
        for (var i = 0; i < 4; i++)
        {
            pdf.NewPage()
                .Text("Pocket book of hospital care", 50, 40, 8)
                .Lines(50, 120, TestPdf.Body(i), "and continues with the management plan for page " + i)
                .Text("Printed 2013 edition", 50, 810, 8)
                .Text((11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), 290, 800, 8);
        }

        var document = TestPdf.Extract(pdf.Build());
        var text = TestPdf.AllText(document);

        Assert.DoesNotContain("Pocket book of hospital care", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Printed 2013 edition", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 2 explains", text, StringComparison.Ordinal);
        Assert.Equal(["11", "12", "13", "14"], document.Pages.Select(p => p.Label));
        Assert.Equal([1, 2, 3, 4], document.Pages.Select(p => p.Number));
    }

    [Fact]
    public void Weight_band_dosing_table_comes_out_as_rows_with_the_header()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Lines(50, 80, "Give amoxicillin twice a day for five days according to the weight of the child.")
            .Text("Weight", 50, 120, 10, bold: true).Text("Amoxicillin dose", 200, 120, 10, bold: true)
            .Text("3-<6 kg", 50, 134).Text("1 ml", 200, 134)
            .Text("6-<10 kg", 50, 148).Text("2 ml", 200, 148)
            .Text("10-<15 kg", 50, 162).Text("3 ml", 200, 162)
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;
        var table = Assert.Single(blocks, b => b.Kind == BlockKind.Table);

        Assert.Equal("Weight | Amoxicillin dose", table.TableHeader);
        Assert.Equal(["3-<6 kg | 1 ml", "6-<10 kg | 2 ml", "10-<15 kg | 3 ml"], table.TableRows);
        Assert.StartsWith("Weight | Amoxicillin dose\n3-<6 kg | 1 ml", table.Text, StringComparison.Ordinal);
        Assert.Contains(blocks, b => b.Kind == BlockKind.Paragraph && b.Text.StartsWith("Give amoxicillin", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbered_bold_headings_give_the_section_path_across_pages()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("1 Introduction", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(1), TestPdf.Body(2), TestPdf.Body(3))
            .Text("1.1 Background", 50, 170, 12, bold: true)
            .Lines(50, 195, TestPdf.Body(4), TestPdf.Body(5), TestPdf.Body(6))
            .NewPage()
            .Lines(50, 80, "Background continues on the next page with more text to read here")
            .Text("1.2 Scope", 50, 120, 12, bold: true)
            .Lines(50, 145, "Scope text covers children under five years of age in hospitals", TestPdf.Body(7))
            .Text("2 Methods", 50, 200, 16, bold: true)
            .Lines(50, 230, "Methods text describes how the evidence was reviewed by the group", TestPdf.Body(8))
            .Build();

        var document = TestPdf.Extract(pdf);
        var blocks = document.Pages.SelectMany(p => p.Blocks).ToList();

        var scope = Assert.Single(blocks, b => b.Text.StartsWith("Scope text", StringComparison.Ordinal));
        Assert.Equal("1 Introduction > 1.2 Scope", scope.Section);
        var continued = Assert.Single(blocks, b => b.Text.StartsWith("Background continues", StringComparison.Ordinal));
        Assert.Equal("1 Introduction > 1.1 Background", continued.Section);
        var methods = Assert.Single(blocks, b => b.Text.StartsWith("Methods text", StringComparison.Ordinal));
        Assert.Equal("2 Methods", methods.Section);
        var heading = Assert.Single(blocks, b => b.Kind == BlockKind.Heading && b.Text == "1.2 Scope");
        Assert.Equal(2, heading.HeadingLevel);
        Assert.Equal("1 Introduction > 1.2 Scope", heading.Section);
    }

    [Fact]
    public void A_long_bold_numbered_heading_of_body_size_opens_its_section_and_a_figure_caption_opens_none()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("5 Prepare to respond", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(1), TestPdf.Body(2))
            .Text("5.2.1 Identify the functions of the public health emergency management", 50, 160, 10, bold: true)
            .Text("committee (PHEMC)", 50, 172, 10, bold: true)
            .Lines(50, 195, "The committee coordinates surveillance and response at every level", TestPdf.Body(3))
            .Text("Figure 5.1: Epidemic curve showing the importance of proactive communication", 50, 260, 10, bold: true)
            .Lines(50, 285, "After the figure the committee text goes on about its members", TestPdf.Body(4))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        const string section = "5 Prepare to respond > 5.2.1 Identify the functions of the public health emergency management committee (PHEMC)";
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("The committee coordinates", StringComparison.Ordinal)).Section);
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("After the figure", StringComparison.Ordinal)).Section);
        Assert.DoesNotContain(blocks, b => b.Kind == BlockKind.Heading && b.Text.StartsWith("Figure", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subsection_number_and_short_title_alone_in_body_type_is_a_heading_and_a_numbered_sentence_is_not()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("5 Prepare to respond", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(1), TestPdf.Body(2))
            .Lines(50, 160, "5.2 Establish a district, regional and national public health emergency management",
                "committee (PHEMC)")
            .Lines(50, 210, "Committees should be established at all levels, national, regional and district", TestPdf.Body(3))
            .Lines(50, 270, "5.3 The Commissioner shall keep a register of the committees.")
            .Lines(50, 310, "5.4 Members are drawn from:")
            .Lines(50, 350, "After the numbered sentences the committee text goes on", TestPdf.Body(4))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        const string section = "5 Prepare to respond > 5.2 Establish a district, regional and national public health emergency management committee (PHEMC)";
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("Committees should", StringComparison.Ordinal)).Section);
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("After the numbered", StringComparison.Ordinal)).Section);
        Assert.Equal(BlockKind.Paragraph, Assert.Single(blocks, b => b.Text.StartsWith("5.3 The Commissioner", StringComparison.Ordinal)).Kind);
        Assert.Equal(BlockKind.Paragraph, Assert.Single(blocks, b => b.Text.StartsWith("5.4 Members", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void A_section_number_and_a_title_in_capitals_in_body_type_is_a_heading_and_an_age_in_capitals_is_not()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Explanatory notes", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(1))
            .Lines(50, 150, "6. ANTI-INFECTIVE MEDICINES")
            .Lines(50, 180, "6.1 Anthelminthics")
            .Lines(50, 210, "albendazole Tablet (chewable): 400 mg.")
            .Lines(50, 250, "5 YEARS")
            .Lines(50, 280, "mebendazole Tablet (chewable): 100 mg; 500 mg.")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        const string section = "6. ANTI-INFECTIVE MEDICINES > 6.1 Anthelminthics";
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("albendazole", StringComparison.Ordinal)).Section);
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("mebendazole", StringComparison.Ordinal)).Section);
    }

    [Fact]
    public void A_bold_or_between_two_regimens_is_part_of_the_text_not_a_heading()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("DIARRHOEA", 50, 80, 14, bold: true)
            .Text("Treatment", 50, 110, 11, bold: true)
            .Lines(50, 135, "Metronidazole 10mg/kg (max 400mg) orally every 8 hours for 7 days")
            .Text("OR", 50, 165, 10, bold: true)
            .Lines(50, 190, "Tinidazole 50mg/kg (max 2g) orally once daily for 3 days")
            .Text("AND", 50, 220, 10, bold: true)
            .Lines(50, 245, "Zinc for 10 days")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        Assert.Equal(["DIARRHOEA", "Treatment"], blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        var section = Assert.Single(blocks, b => b.Text.StartsWith("Metronidazole", StringComparison.Ordinal)).Section;
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("Tinidazole", StringComparison.Ordinal)).Section);
        Assert.Equal(section, Assert.Single(blocks, b => b.Text.StartsWith("Zinc", StringComparison.Ordinal)).Section);
    }

    [Fact]
    public void A_numbered_label_is_a_heading_and_a_contents_entry_in_heading_type_is_not()
    {
        // The schistosomiasis guideline's recommendation boxes: "Recommendation 6" titles the box, which an earlier
        // recommendation's "Implementation considerations" would otherwise hold.
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Implementation considerations", 50, 80, 12, bold: true)
            .Lines(50, 105, "Snail control will be essential to ultimately eliminate local transmission.")
            .Text("Recommendation 6", 50, 150, 12, bold: true)
            .Lines(50, 175, "In communities approaching the interruption of transmission, WHO suggests a verification framework.")
            .Text("Snake bite 34", 50, 220, 12, bold: true)
            .Lines(50, 245, "Text after a contents-like line stays where it was.")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        Assert.Equal(["Implementation considerations", "Recommendation 6"], blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Equal("Recommendation 6", Assert.Single(blocks, b => b.Text.StartsWith("In communities", StringComparison.Ordinal)).Section);
    }

    [Theory]
    [InlineData("15 High")]
    [InlineData("Very low")]
    [InlineData("1.5 Due to serious")]
    [InlineData("2.41 fewer per")]
    [InlineData("MD 0.19 higher")]
    public void A_bold_cell_of_a_grade_evidence_table_is_not_a_heading(string cell)
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Clinical question/ PICO", 50, 150, 11, bold: true)
            .Lines(50, 175, "Outcome: all-cause mortality in children under five years of age")
            .Text(cell, 50, 205, 10, bold: true)
            .Lines(50, 230, "Based on data from 3,932 participants in 1 study, follow up 3 years")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        Assert.Equal(["Clinical question/ PICO"], blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Equal("Clinical question/ PICO", Assert.Single(blocks, b => b.Text.StartsWith("Based on data", StringComparison.Ordinal)).Section);
    }

    [Fact]
    public void An_annex_closes_the_sections_open_above_it_and_its_own_parts_nest_under_it()
    {
        // IDSR section 7: "Annex 7B" came after subsection 7.4.3.3 in smaller type and was filed under it; the CDC
        // guide's "APPENDIX A" was filed under the bigger "REFERENCES" title before it.
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("7 Risk communication", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(1))
            .Text("7.4.3 Periodic testing of the plan", 50, 170, 12, bold: true)
            .Lines(50, 195, TestPdf.Body(2))
            .NewPage()
            .Text("REFERENCES", 50, 80, 18, bold: true)
            .Lines(50, 110, TestPdf.Body(3))
            .Text("Annex 7B: Sample district outbreak report", 50, 170, 12, bold: true)
            .Lines(50, 195, "Write the report within two weeks of the end of the outbreak and send it", TestPdf.Body(4))
            .Text("Methods", 50, 260, 11, bold: true)
            .Lines(50, 285, "Methods of the outbreak investigation are described here in full", TestPdf.Body(5))
            .NewPage()
            .Text("Annex 7B.1 Line list", 50, 80, 12, bold: true)
            .Lines(50, 110, "The line list holds one row for each case seen during the outbreak", TestPdf.Body(6))
            .Text("Annex 7C: Situation report template", 50, 170, 12, bold: true)
            .Lines(50, 195, "The situation report template is filled in every week by the district", TestPdf.Body(7))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        string SectionOf(string start) => Assert.Single(blocks, b => b.Text.StartsWith(start, StringComparison.Ordinal)).Section;
        Assert.Equal("Annex 7B: Sample district outbreak report", SectionOf("Write the report"));
        Assert.Equal("Annex 7B: Sample district outbreak report > Methods", SectionOf("Methods of the outbreak"));
        Assert.Equal("Annex 7B: Sample district outbreak report > Annex 7B.1 Line list", SectionOf("The line list"));
        Assert.Equal("Annex 7C: Situation report template", SectionOf("The situation report"));
    }

    [Fact]
    public void A_bigger_unnumbered_heading_after_a_smaller_one_closes_it_instead_of_nesting_under_it()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Malaria", 50, 80, 14, bold: true)
            .Lines(50, 110, TestPdf.Body(1))
            .Text("Treatment", 50, 170, 11, bold: true)
            .Lines(50, 195, TestPdf.Body(2))
            .Text("Malnutrition", 50, 260, 14, bold: true)
            .Lines(50, 290, TestPdf.Body(3))
            .Text("Feeding", 50, 350, 11, bold: true)
            .Lines(50, 375, "Feeding text says how often to feed the child in the first days", TestPdf.Body(4))
            .NewPage()
            .Text("2.1 Annexes", 50, 80, 16, bold: true)
            .Lines(50, 110, TestPdf.Body(5))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages.SelectMany(p => p.Blocks).ToList();

        var feeding = Assert.Single(blocks, b => b.Text.StartsWith("Feeding text", StringComparison.Ordinal));
        Assert.Equal("Malnutrition > Feeding", feeding.Section);
    }

    [Fact]
    public void Hyphenation_at_line_ends_is_repaired_and_real_hyphens_kept()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Lines(50, 100, "Children need prompt treat-", "ment and a follow-up visit after two days in the", "clinic of the WHO-", "Recommended programme")
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Contains("prompt treatment and a follow-up visit", text, StringComparison.Ordinal);
        Assert.Contains("WHO- Recommended", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ligatures_and_whitespace_are_normalised()
    {
        Assert.Equal("fluid first office", TextNormalizer.Clean("\uFB02uid  \uFB01rst \t o\uFB03ce"));
        Assert.Equal("treatment of the child", TextNormalizer.JoinLines(["treat-", "ment  of", " the child "]));
    }
}

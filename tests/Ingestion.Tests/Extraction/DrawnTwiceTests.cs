using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Text that the PDF draws twice: on top of itself (a stroke over a fill), or a whole page again a little off.</summary>
public sealed class DrawnTwiceTests
{
    [Fact]
    public void A_heading_and_text_drawn_twice_on_top_of_themselves_are_read_once()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Validity of the current definition of IGT", 50, 80, 14, bold: true)
            .Text("Validity of the current definition of IGT", 50.3, 80, 14, bold: true) // a stroke over the fill, a little off
            .Lines(50, 120, TestPdf.Body(1), "Decile of fasting glucose")
            .Text("Decile of fasting glucose", 50, 134) // the figure label, drawn again
            .Build();

        var document = TestPdf.Extract(pdf);

        Assert.Equal("Validity of the current definition of IGT", Assert.Single(document.Pages[0].Blocks, b => b.Kind == BlockKind.Heading).Text);
        var paragraph = Assert.Single(document.Pages[0].Blocks, b => b.Kind == BlockKind.Paragraph);
        Assert.Equal("Validity of the current definition of IGT", paragraph.Section);
        Assert.EndsWith("in some detail Decile of fasting glucose", paragraph.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_letters_side_by_side_are_all_kept()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("Illness", 50, 80, 14, bold: true)
            .Lines(50, 120, "Give 1000 IU of vitamin A ..... see p. 111", TestPdf.Body(1))
            .Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Contains("Illness", text, StringComparison.Ordinal);
        Assert.Contains("Give 1000 IU of vitamin A ..... see p. 111", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_drawn_again_a_little_down_and_to_the_side_is_read_once()
    {
        string[] rows =
        [
            "CEFOTAXIME 50mg/kg IV every 12 hours in week 1",
            "CEFTRIAXONE 50mg/kg once daily IV/IM",
            "Avoid where possible in neonates",
            "GENTAMICIN 5mg/kg once daily IV/IM",
        ];
        using var builder = new TestPdf();
        builder.NewPage().Text("NEWBORN BABIES - DRUG DOSES", 50, 80, 14, bold: true).Lines(50, 120, rows);
        builder.Text("NEWBORN BABIES - DRUG DOSES", 41.8, 90.3, 14, bold: true).Lines(41.8, 130.3, rows); // misregistered
        var pdf = builder.Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Equal(string.Join("\n", ["NEWBORN BABIES - DRUG DOSES", string.Join(" ", rows)]), text);
    }

    [Fact]
    public void Table_rows_that_repeat_the_same_words_straight_down_are_all_kept()
    {
        string[] rows = [.. Enumerable.Range(1, 8).Select(i => $"Week {i}: give 50mg/kg IV every 12 hours")];
        using var builder = new TestPdf();
        var pdf = builder.NewPage().Lines(50, 120, rows).Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.All(rows, row => Assert.Contains(row, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Dot_leaders_aligned_down_an_index_page_are_all_kept()
    {
        string[] drugs = ["propofol", "propranolol", "propylthiouracil", "prostaglandin", "protamine", "pyrantel", "pyrazinamide",
            "pyridostigmine", "pyridoxine", "pyrimethamine", "quinine", "ranitidine", "rifampicin", "ringer", "salbutamol"];
        using var builder = new TestPdf();
        builder.NewPage();
        for (var i = 0; i < drugs.Length; i++)
        {
            builder.Text(drugs[i], 50, 120 + (i * 14)).Text(new string('.', 50), 160, 120 + (i * 14)).Text($"{i + 1}", 320, 120 + (i * 14));
        }
        var pdf = builder.Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Equal(drugs.Length * 50, text.Count(c => c == '.'));
        Assert.All(drugs, drug => Assert.Contains(drug, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_form_s_grid_of_marks_is_not_taken_for_a_copy()
    {
        using var builder = new TestPdf();
        builder.NewPage().Lines(50, 100, "TREAT", "Return for follow-up in:");
        for (var row = 0; row < 15; row++)
        {
            builder.Text(new string('o', 40), 50, 140 + (row * 14));
        }
        var pdf = builder.Build();

        var text = TestPdf.AllText(TestPdf.Extract(pdf));

        Assert.Equal(15 * 40, text.Count(c => c == 'o') - "Return for follow-up in:".Count(c => c == 'o'));
    }
}

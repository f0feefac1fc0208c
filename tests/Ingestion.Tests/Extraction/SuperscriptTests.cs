using UglyToad.PdfPig.Core;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>
/// Reference numbers and ordinal endings set small and raised after a word (the WHO malaria guideline's
/// "hypnozoites¹", the Uganda protocols' "1st line"): part of the word, never a line of their own that splits
/// the sentence ("of an\n1\n8-aminoquinoline", "artemisinin\nst\ncombination").
/// </summary>
public sealed class SuperscriptTests
{
    [Fact]
    public void A_raised_reference_number_stays_with_its_word_as_a_superscript_digit()
    {
        var text = Extracted("radical cure of P. vivax hypnozoites", "12,135", ". Give primaquine for 14 days under supervision.");

        Assert.Contains("radical cure of P. vivax hypnozoites¹²,¹³⁵", text, StringComparison.Ordinal);
        Assert.Contains("Give primaquine for 14 days under supervision.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hypnozoites12", text, StringComparison.Ordinal); // never read as another number
    }

    [Fact]
    public void A_raised_ordinal_ending_joins_its_number()
    {
        var text = Extracted("then change to the 1", "st", " line oral antimalarial for three days.");

        Assert.Contains("then change to the 1st line oral antimalarial for three days.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_text_on_the_line_above_is_not_a_superscript()
    {
        using var builder = new TestPdf();
        builder.NewPage().Text("Note 3", 50, 88, size: 6).Text("Give oral rehydration salts after each loose stool.", 50, 100);

        var text = TestPdf.AllText(TestPdf.Extract(builder.Build()));

        Assert.Contains("Give oral rehydration salts after each loose stool.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stool.³", text, StringComparison.Ordinal);
    }

    /// <summary>The body text, then <paramref name="raised"/> in 6-point type 3.5 points above its baseline, then the rest.</summary>
    private static string Extracted(string before, string raised, string after)
    {
        using var builder = new TestPdf();
        builder.NewPage();
        var page = builder.Page;
        var letters = page.AddText(before, 10, new PdfPoint(50, 742), builder.Regular);
        var end = letters[^1].EndBaseLine.X;
        letters = page.AddText(raised, 6, new PdfPoint(end + 0.3, 745.5), builder.Regular);
        page.AddText(after, 10, new PdfPoint(letters[^1].EndBaseLine.X + 0.3, 742), builder.Regular);
        builder.Lines(50, 140, TestPdf.Body(1));
        return TestPdf.AllText(TestPdf.Extract(builder.Build()));
    }
}

using Meditron.Ingestion.Extraction;
using Meditron.Tests.Support;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Glyphs that map to no character (U+FFFD): a font's space glyph is read as a space; a page of them goes to OCR.</summary>
public sealed class UndecodableGlyphTests
{
    [Fact]
    public void An_undecodable_glyph_between_words_is_a_space()
    {
        Assert.Equal("Itchy rash Promethazine 0.125mg/kg", TextNormalizer.Clean("Itchy\uFFFDrash\uFFFDPromethazine\uFFFD0.125mg/kg\uFFFD"));
    }

    [CorpusFact]
    public void Solomon_manual_tables_read_with_spaces_where_its_font_left_undecodable_glyphs()
    {
        var document = Extract("solomon_islands_moh_standard_treatment_manual_children_2017.pdf");

        Assert.DoesNotContain(document.Pages.SelectMany(p => p.Blocks), b => b.Text.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Contains(document.Pages[21].Blocks, b => b.Text.Contains("Itchy rash", StringComparison.Ordinal));
        Assert.Contains(document.Pages[62].Blocks, b => b.Text.Contains("Most can be managed as Outpatients", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void Ocha_pages_whose_font_has_no_character_map_are_read_by_ocr()
    {
        var document = Extract("ocha_idmc_guidance_profiling_idps_2008.pdf");

        foreach (var number in new[] { 50, 51 })
        {
            var page = document.Pages[number - 1];
            Assert.True(page.Ocr, $"page {number} should be read by OCR");
            var text = string.Join(" ", page.Blocks.Select(b => b.Text));
            Assert.DoesNotContain('\uFFFD', text);
            Assert.True(text.Count(char.IsLetter) > 500, $"page {number}: {text.Length} characters");
        }
        Assert.DoesNotContain(document.Pages.SelectMany(p => p.Blocks), b => b.Text.Contains('\uFFFD', StringComparison.Ordinal));
    }

    private static ExtractedDocument Extract(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        return TestPdf.Extractor().Extract(stream, CancellationToken.None);
    }
}

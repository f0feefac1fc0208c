using Meditron.Ingestion.Extraction;
using Meditron.Tests.Support;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class CorpusTests
{
    [CorpusFact]
    public void Pocket_book_page_106_is_labelled_82_despite_roman_page_labels()
    {
        using var stream = File.OpenRead(Corpus.File("who_pocket_book_hospital_care_children_2ed_2013.pdf"));
        var document = TestPdf.Extractor().Extract(stream, CancellationToken.None);

        Assert.Equal(438, document.PageCount);
        var page = document.Pages[105];
        Assert.Equal(106, page.Number);
        Assert.Equal("82", page.Label);
        Assert.Contains(page.Blocks, b => b.Section.Contains("Pneumonia", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Blocks, b => b.Text.StartsWith("SEVERE PNEUMONIA", StringComparison.Ordinal)); // running header
    }

    [CorpusFact]
    public void A_running_header_set_below_the_usual_margin_is_removed_and_gives_the_printed_page_number()
    {
        using var stream = File.OpenRead(Corpus.File("kenya_refugees_general_regulations_2024.pdf"));
        var document = TestPdf.Extractor().Extract(stream, CancellationToken.None);

        // "Kenya Subsidiary Legislation, 2024 … 261" sits at 13 % of the page, below the 12 % margin zone.
        var page = document.Pages[6];
        Assert.Equal("261", page.Label);
        Assert.DoesNotContain(document.Pages, p => p.Blocks.Any(b => b.Text.Contains("Kenya Subsidiary Legislation", StringComparison.Ordinal)));
        Assert.Contains(page.Blocks, b => b.Text.Contains("The Refugee Officer shall inform the asylum seeker", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void A_running_header_naming_the_open_section_is_removed_though_few_pages_repeat_it()
    {
        using var stream = File.OpenRead(Corpus.File("who_pocket_book_hospital_care_children_2ed_2013.pdf"));
        var document = TestPdf.Extractor().Extract(stream, CancellationToken.None);

        // Page 375 opens with "MEASURING BLOOD GLUCOSE", the section's own title, in the middle of a sentence begun on p. 374.
        var page = document.Pages[374];
        Assert.DoesNotContain(page.Blocks, b => b.Text.Contains("MEASURING BLOOD GLUCOSE", StringComparison.Ordinal));
        Assert.Contains(page.Blocks, b => b.Text.StartsWith("field of the strip is read", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void The_essential_medicines_lists_title_atop_every_page_in_big_type_neither_enters_the_text_nor_restarts_the_sections_and_its_chapters_head_them()
    {
        using var stream = File.OpenRead(Corpus.File("who_model_list_essential_medicines_23rd_2023.pdf"));
        var document = TestPdf.Extractor().Extract(stream, CancellationToken.None);

        // Kept where it first appears (p. 3, a heading with "Explanatory notes"); the sections run on across pages
        // instead of starting again under the title atop each page.
        Assert.DoesNotContain(document.Pages.Skip(3), p => p.Blocks.Any(b => b.Text.Contains("WHO Model List of Essential Medicines – 23rd List", StringComparison.Ordinal)));
        Assert.Contains(document.Pages[19].Blocks, b => b.Text.Contains("multidrug-resistant tuberculosis", StringComparison.Ordinal));
        // Its chapter titles, numbered capitals in body type ("6. ANTI-INFECTIVE MEDICINES"), head the sections.
        Assert.All(document.Pages[25].Blocks, b => Assert.StartsWith("6. ANTI-INFECTIVE MEDICINES > 6.5 Antiprotozoal medicines > 6.5.3 Antimalarial medicines", b.Section, StringComparison.Ordinal));
    }
}

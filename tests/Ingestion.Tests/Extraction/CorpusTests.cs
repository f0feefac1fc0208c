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
}

using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>What a progress display learns from extraction: the page count up front, then each page read.</summary>
public sealed class PageProgressTests
{
    private static byte[] Pdf(int pages)
    {
        using var pdf = new TestPdf();
        for (var i = 0; i < pages; i++)
        {
            pdf.NewPage().Lines(50, 100, TestPdf.Body(i), TestPdf.Body(i + 100));
        }
        return pdf.Build();
    }

    [Fact]
    public void Each_page_read_is_reported_once_in_increasing_order_with_the_page_count()
    {
        var reports = new List<(int Read, int Pages)>();
        using var stream = new MemoryStream(Pdf(12));

        TestPdf.Extractor().Extract(stream, CancellationToken.None, (read, pages) => reports.Add((read, pages)));

        Assert.Equal(Enumerable.Range(1, 12).Select(n => (n, 12)), reports);
    }

    [Fact]
    public void The_page_count_is_read_without_extraction_and_is_0_for_a_file_that_is_not_a_pdf()
    {
        string dir = Directory.CreateTempSubdirectory("meditron-pages-").FullName;
        try
        {
            string good = Path.Combine(dir, "good.pdf");
            string notes = Path.Combine(dir, "notes.pdf");
            File.WriteAllBytes(good, Pdf(3));
            File.WriteAllText(notes, "These are meeting notes, not a PDF.");

            Assert.Equal(3, PdfPageCounter.Count(good));
            Assert.Equal(0, PdfPageCounter.Count(notes));
            Assert.Equal(0, PdfPageCounter.Count(Path.Combine(dir, "missing.pdf")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

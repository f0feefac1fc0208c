using UglyToad.PdfPig.Core;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class OcrTests
{
    [Fact]
    public void Page_with_only_an_image_goes_through_ocr()
    {
        Assert.True(ExternalTool.Exists("pdftoppm") && ExternalTool.Exists("tesseract"), "poppler-utils and tesseract-ocr are needed");
        var directory = Directory.CreateTempSubdirectory("meditron-test-");
        try
        {
            // Render a text page to PNG, then make a PDF whose only content is that image.
            var textPdf = Path.Combine(directory.FullName, "text.pdf");
            using (var source = new TestPdf())
            {
                source.NewPage()
                    .Text("Oral rehydration salts", 60, 120, 28)
                    .Text("prevent dehydration", 60, 170, 28);
                File.WriteAllBytes(textPdf, source.Build());
            }

            var prefix = Path.Combine(directory.FullName, "scan");
            ExternalTool.Run("pdftoppm", "-r", "150", "-png", "-singlefile", textPdf, prefix);
            byte[] scanned;
            using (var target = new TestPdf())
            {
                target.NewPage().Page.AddPng(File.ReadAllBytes(prefix + ".png"), new PdfRectangle(0, 0, 595, 842));
                scanned = target.Build();
            }

            var document = TestPdf.Extract(scanned);

            var page = Assert.Single(document.Pages);
            Assert.True(page.Ocr);
            var text = string.Join(" ", page.Blocks.Select(b => b.Text));
            Assert.Contains("rehydration", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("dehydration", text, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Image_page_without_ocr_has_no_blocks()
    {
        using var pdf = new TestPdf();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");
        pdf.NewPage().Page.AddPng(png, new PdfRectangle(0, 0, 100, 100));

        var document = TestPdf.Extract(pdf.Build(), o => o.OcrEnabled = false);

        var page = Assert.Single(document.Pages);
        Assert.False(page.Ocr);
        Assert.Empty(page.Blocks);
    }
}

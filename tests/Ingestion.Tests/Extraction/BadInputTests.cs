using System.Globalization;
using System.Text;
using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class BadInputTests
{
    private static byte[] ValidPdf(int pages)
    {
        using var pdf = new TestPdf();
        for (var i = 0; i < pages; i++)
        {
            pdf.NewPage().Lines(50, 100, TestPdf.Body(i), TestPdf.Body(i + 100), TestPdf.Body(i + 200));
        }

        return pdf.Build();
    }

    private static ExtractionException Fails(byte[] bytes, Action<ExtractionOptions>? configure = null) =>
        Assert.Throws<ExtractionException>(() => TestPdf.Extract(bytes, configure));

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.Contains("empty", Fails([]).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void File_without_pdf_header_is_rejected()
    {
        var error = Fails(Encoding.ASCII.GetBytes("<html><body>Not a PDF at all</body></html>"));
        Assert.Contains("not a PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_rejected()
    {
        var bytes = ValidPdf(3);
        var error = Fails(bytes[..(bytes.Length / 3)]);
        Assert.Contains("damaged", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Encrypted_file_is_rejected()
    {
        Assert.True(ExternalTool.Exists("qpdf"), "qpdf is needed to make an encrypted PDF (apt-get install qpdf)");
        var directory = Directory.CreateTempSubdirectory("meditron-test-");
        try
        {
            var plain = Path.Combine(directory.FullName, "plain.pdf");
            var locked = Path.Combine(directory.FullName, "locked.pdf");
            File.WriteAllBytes(plain, ValidPdf(1));
            ExternalTool.Run("qpdf", "--encrypt", "secret-user", "secret-owner", "256", "--", plain, locked);

            var error = Fails(File.ReadAllBytes(locked));
            Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Pdf_with_zero_pages_is_rejected()
    {
        var error = Fails(ZeroPagePdf());
        Assert.Contains("no pages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_with_more_pages_than_the_limit_is_rejected()
    {
        var error = Fails(ValidPdf(3), o => o.MaxPages = 2);
        Assert.Contains("has 3 pages, more than the limit of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_exceeding_the_timeout_fails_the_document_naming_the_page()
    {
        using var release = new ManualResetEventSlim();
        // Page 1 must finish within the limit on a loaded machine: a first extraction warms the code up, and the limit
        // leaves room, since page 2 blocks until the test ends whatever the limit.
        using (var warmUp = new MemoryStream(ValidPdf(1)))
        {
            TestPdf.Extractor().Extract(warmUp, CancellationToken.None);
        }
        var extractor = TestPdf.Extractor(o => o.PageTimeoutSeconds = 3);
        extractor.BeforePage = n =>
        {
            if (n == 2)
            {
                release.Wait(TimeSpan.FromMinutes(1)); // blocks until the test ends, whatever the machine's speed
            }
        };

        try
        {
            using var stream = new MemoryStream(ValidPdf(2));
            var error = Assert.Throws<ExtractionException>(() => extractor.Extract(stream, CancellationToken.None));
            Assert.Contains("Page 2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var stream = new MemoryStream(ValidPdf(2));
        Assert.ThrowsAny<OperationCanceledException>(() => TestPdf.Extractor().Extract(stream, cancel.Token));
    }

    /// <summary>A hand-written PDF whose page tree has /Count 0.</summary>
    private static byte[] ZeroPagePdf()
    {
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        void Object(string body)
        {
            offsets.Add(sb.Length);
            sb.Append(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [] /Count 0 >>");
        var xref = sb.Length;
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

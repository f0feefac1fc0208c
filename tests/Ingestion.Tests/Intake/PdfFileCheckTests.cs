using System.Text;
using Meditron.Ingestion.Intake;
using Meditron.Ingestion.Tests.Extraction;
using Meditron.Tests.Support;

namespace Meditron.Ingestion.Tests.Intake;

/// <summary>The upload check: a whole, openable PDF passes with its page count; anything else gets a reason a person can act on.</summary>
public sealed class PdfFileCheckTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("meditron-check-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_whole_pdf_passes_with_its_page_count()
    {
        var result = PdfFileCheck.Check(Write("two.pdf", SmallPdfs.TwoPages()));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(2, result.Pages);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var result = PdfFileCheck.Check(Write("empty.pdf", []));

        Assert.False(result.Accepted);
        Assert.Equal("The file is empty (0 bytes).", result.Reason);
    }

    [Fact]
    public void A_text_file_named_pdf_is_rejected_as_not_a_pdf()
    {
        var result = PdfFileCheck.Check(Write("notes.pdf", Encoding.UTF8.GetBytes("Dosing notes, not a PDF.\n%%EOF\n")));

        Assert.False(result.Accepted);
        Assert.Contains("not a PDF", result.Reason, StringComparison.Ordinal);
        Assert.False(result.IsPdf);
    }

    [Theory]
    [InlineData(0.33)]
    [InlineData(0.66)]
    [InlineData(0.99)]
    public void A_truncated_pdf_is_rejected(double kept)
    {
        byte[] whole = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.");
        // The last kilobyte of a whole file holds %%EOF; cut so that it no longer does.
        int length = Math.Min((int)(whole.Length * kept), whole.Length - 8);

        var result = PdfFileCheck.Check(Write("cut.pdf", whole[..length]));

        Assert.False(result.Accepted);
        Assert.Contains("truncated", result.Reason, StringComparison.Ordinal);
        Assert.True(result.IsPdf); // a PDF, cut off: refused as damaged, not as another kind of file
    }

    [Fact]
    public void A_pdf_whose_body_is_garbage_is_rejected_as_damaged()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 4000) + "\n%%EOF\n");

        var result = PdfFileCheck.Check(Write("garbage.pdf", bytes));

        Assert.False(result.Accepted);
        Assert.Contains("damaged", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_pdf_is_rejected()
    {
        Assert.True(ExternalTool.Exists("qpdf"), "qpdf is needed to make an encrypted PDF (apt-get install qpdf)");
        string plain = Write("plain.pdf", SmallPdfs.TwoPages());
        string locked = Path.Combine(_dir.FullName, "locked.pdf");
        ExternalTool.Run("qpdf", "--encrypt", "secret-user", "secret-owner", "256", "--", plain, locked);

        var result = PdfFileCheck.Check(locked);

        Assert.False(result.Accepted);
        Assert.Contains("encrypted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_pages_than_the_limit_is_rejected_naming_both()
    {
        var result = PdfFileCheck.Check(Write("two.pdf", SmallPdfs.TwoPages()), maxPages: 1);

        Assert.False(result.Accepted);
        Assert.Equal("The PDF has 2 pages, more than the limit of 1.", result.Reason);
    }

    [Fact]
    public void A_missing_file_is_an_io_error_not_a_verdict()
    {
        Assert.Throws<FileNotFoundException>(() => PdfFileCheck.Check(Path.Combine(_dir.FullName, "nothing.pdf")));
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

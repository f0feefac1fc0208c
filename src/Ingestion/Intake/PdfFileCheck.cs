using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Meditron.Ingestion.Intake;

/// <summary>
/// A cheap look at an uploaded file before it is taken in: is it a whole PDF that can be opened? Reads the first and
/// last kilobyte and the page tree, never the text, so an upload is refused at once instead of failing in a worker.
/// Passing does not promise text: a scanned or textless PDF passes here and fails (or goes to OCR) at extraction.
/// </summary>
public static class PdfFileCheck
{
    // PdfInput tolerates junk before the header within the first kilobyte; the spec wants %%EOF within the last one.
    private const int EdgeBytes = 1024;

    /// <param name="maxPages">More pages than this is rejected (pass Extraction:MaxPages); null: no limit.</param>
    /// <exception cref="IOException">The file cannot be read (it is missing, or the disk fails).</exception>
    public static PdfCheckResult Check(string path, int? maxPages = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (file.Length == 0)
            {
                return PdfCheckResult.Reject("The file is empty (0 bytes).");
            }
            if (ReadEdge(file, fromEnd: false).AsSpan().IndexOf("%PDF-"u8) < 0)
            {
                return PdfCheckResult.NotPdf("The file is not a PDF (no %PDF- header at its start).");
            }
            // PdfPig's lenient parser would open many a cut-off file; a whole one ends with %%EOF.
            if (ReadEdge(file, fromEnd: true).AsSpan().IndexOf("%%EOF"u8) < 0)
            {
                return PdfCheckResult.Reject("The PDF is truncated: it does not end with %%EOF (an interrupted upload or download?).");
            }
        }
        return CheckPages(path, maxPages);
    }

    private static PdfCheckResult CheckPages(string path, int? maxPages)
    {
        // Read here, so that an exception from the parser is about the content, never the disk.
        byte[] bytes = File.ReadAllBytes(path);
        int pages;
        try
        {
            // The extractor's options: what passes here, the extractor can open.
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            pages = document.NumberOfPages;
        }
        catch (PdfDocumentEncryptedException)
        {
            return PdfCheckResult.Reject("The PDF is encrypted (password protected), so its text cannot be read.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return PdfCheckResult.Reject($"The PDF is damaged and cannot be opened ({e.GetType().Name}).");
        }
        if (pages <= 0)
        {
            return PdfCheckResult.Reject("The PDF has no pages.");
        }
        if (pages > maxPages)
        {
            return PdfCheckResult.Reject(string.Create(CultureInfo.InvariantCulture, $"The PDF has {pages} pages, more than the limit of {maxPages}."));
        }
        return PdfCheckResult.Accept(pages);
    }

    private static byte[] ReadEdge(FileStream file, bool fromEnd)
    {
        var edge = new byte[(int)Math.Min(EdgeBytes, file.Length)];
        file.Position = fromEnd ? file.Length - edge.Length : 0;
        file.ReadExactly(edge);
        return edge;
    }
}

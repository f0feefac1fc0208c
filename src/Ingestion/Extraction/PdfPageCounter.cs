using UglyToad.PdfPig;

namespace Meditron.Ingestion.Extraction;

/// <summary>A PDF's page count without extracting anything: progress totals are sized with it before the work starts.</summary>
public static class PdfPageCounter
{
    /// <returns>The number of pages, or 0 when the file cannot be opened as a PDF (extraction reports why).</returns>
    public static int Count(string path)
    {
        try
        {
            using var document = PdfDocument.Open(path, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            return Math.Max(0, document.NumberOfPages);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return 0;
        }
    }
}

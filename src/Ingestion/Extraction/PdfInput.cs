namespace Meditron.Ingestion.Extraction;

/// <summary>Reads the input stream and rejects what is plainly not a PDF before the parser sees it.</summary>
internal static class PdfInput
{
    private const int HeaderSearchBytes = 1024;

    public static byte[] Read(Stream pdf)
    {
        byte[] bytes;
        if (pdf is MemoryStream memory && memory.Position == 0)
        {
            bytes = memory.ToArray();
        }
        else
        {
            using var copy = new MemoryStream();
            pdf.CopyTo(copy);
            bytes = copy.ToArray();
        }

        if (bytes.Length == 0)
        {
            throw new ExtractionException("The file is empty (0 bytes).");
        }

        if (bytes.AsSpan(0, Math.Min(bytes.Length, HeaderSearchBytes)).IndexOf("%PDF-"u8) < 0)
        {
            throw new ExtractionException("The file is not a PDF (no %PDF header).");
        }

        return bytes;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Meditron.Ingestion.Extraction;

/// <summary>Why OCR produced no text for a page.</summary>
internal enum OcrFailure
{
    None,
    Disabled,
    ToolMissing,
    TimedOut,
    ToolFailed,
}

/// <summary>OCR of one page: pdftoppm renders it to a grey PNG, tesseract reads it; paragraphs split at blank lines.</summary>
internal sealed partial class OcrEngine(ExtractionOptions options)
{
    /// <summary>
    /// Tesseract on one OpenMP thread: pages are already read side by side, and its default team of threads spins
    /// against them and against embedding: one page took 31–49 s that way on 2 cores and 5–10 s on one thread
    /// (docs/benchmarks.md, stop 30), so a busy machine ran into the OCR timeout and lost the page's text.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> TesseractEnvironment = new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" };

    [GeneratedRegex(@"\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLine();

    public OcrFailure Recognize(string pdfPath, int pageNumber, CancellationToken cancellationToken, out IReadOnlyList<string> paragraphs)
    {
        paragraphs = [];
        if (!options.OcrEnabled)
        {
            return OcrFailure.Disabled;
        }

        var timeout = TimeSpan.FromSeconds(options.OcrTimeoutSeconds);
        var prefix = Path.Combine(Path.GetTempPath(), $"meditron-ocr-{Guid.NewGuid():N}");
        var image = prefix + ".png";
        try
        {
            var page = pageNumber.ToString(CultureInfo.InvariantCulture);
            var render = ProcessRunner.Run(
                "pdftoppm",
                ["-f", page, "-l", page, "-r", options.OcrDpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", pdfPath, prefix],
                timeout,
                cancellationToken);
            if (render.Outcome != ProcessOutcome.Completed)
            {
                return render.Outcome == ProcessOutcome.Missing ? OcrFailure.ToolMissing : OcrFailure.TimedOut;
            }

            if (render.ExitCode != 0 || !File.Exists(image))
            {
                return OcrFailure.ToolFailed;
            }

            var read = ProcessRunner.Run("tesseract", [image, "stdout", "-l", options.OcrLanguages], timeout, cancellationToken, TesseractEnvironment);
            if (read.Outcome != ProcessOutcome.Completed)
            {
                return read.Outcome == ProcessOutcome.Missing ? OcrFailure.ToolMissing : OcrFailure.TimedOut;
            }

            if (read.ExitCode != 0)
            {
                return OcrFailure.ToolFailed;
            }

            paragraphs = BlankLine().Split(read.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal))
                .Select(p => TextNormalizer.JoinLines(p.Split('\n')))
                .Where(p => p.Length > 0)
                .ToList();
            return OcrFailure.None;
        }
        finally
        {
            TryDelete(image);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Builds words from a page's letters in content order (PdfPig's default word extractor splits words
/// at kerning gaps in some files). Keeps horizontal text inside the crop box, in top-down coordinates.
/// </summary>
internal static class WordReader
{
    /// <summary>A gap along the baseline wider than this share of the font size separates words.</summary>
    private const double WordGap = 0.2;

    private static readonly ConcurrentDictionary<string, bool> BoldFontNames = new(StringComparer.Ordinal);

    public static List<PageWord> Read(Page page)
    {
        // PdfPig gives coordinates relative to the crop box (page.Width x page.Height).
        var builder = new Builder(page.Width, page.Height);
        Letter? previous = null;
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value) && previous is not null
                && letter.StartBaseLine.X - previous.EndBaseLine.X < -0.15 * Math.Max(1, previous.PointSize))
            {
                continue; // a space overlapping the previous glyph (e.g. the slot after a ligature) separates nothing
            }

            if (letter.TextOrientation != TextOrientation.Horizontal || string.IsNullOrWhiteSpace(letter.Value))
            {
                builder.Flush();
                previous = null;
                continue;
            }

            if (previous is not null)
            {
                var size = Math.Max(1, Math.Max(letter.PointSize, previous.PointSize));
                var dx = letter.StartBaseLine.X - previous.EndBaseLine.X;
                var dy = Math.Abs(letter.StartBaseLine.Y - previous.EndBaseLine.Y);
                if (letter.Value == previous.Value && Math.Abs(letter.StartBaseLine.X - previous.StartBaseLine.X) < 1 && dy < 1)
                {
                    continue; // the same glyph drawn twice (simulated bold or shadow)
                }

                if (dx > WordGap * size || dx < -0.5 * size || dy > 0.3 * size)
                {
                    builder.Flush();
                }
            }

            builder.Add(letter);
            previous = letter;
        }

        builder.Flush();
        return builder.Words;
    }

    private static bool IsBold(Letter letter)
    {
        if (letter.FontDetails is { IsBold: true })
        {
            return true;
        }

        return BoldFontNames.GetOrAdd(letter.FontName ?? string.Empty, static n =>
            n.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Demi", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Builder(double width, double height)
    {
        private readonly StringBuilder text = new();
        private Letter? first;
        private double left, right, baseline, size;

        public List<PageWord> Words { get; } = [];

        public void Add(Letter letter)
        {
            var letterSize = letter.PointSize > 0 ? letter.PointSize : Math.Max(1, letter.BoundingBox.Height);
            if (first is null)
            {
                first = letter;
                left = Math.Min(letter.StartBaseLine.X, letter.EndBaseLine.X);
                right = Math.Max(letter.StartBaseLine.X, letter.EndBaseLine.X);
                baseline = letter.StartBaseLine.Y;
                size = letterSize;
            }
            else
            {
                left = Math.Min(left, letter.StartBaseLine.X);
                right = Math.Max(right, letter.EndBaseLine.X);
                size = Math.Max(size, letterSize);
            }

            text.Append(letter.Value);
        }

        public void Flush()
        {
            if (first is null)
            {
                return;
            }

            var top = height - (baseline + (0.75 * size));
            var bottom = height - (baseline - (0.2 * size));
            var centreX = (left + right) / 2;
            var centreY = (top + bottom) / 2;
            if (centreX >= 0 && centreX <= width && centreY >= 0 && centreY <= height && right > left)
            {
                Words.Add(new PageWord(text.ToString(), left, right, top, bottom, size, IsBold(first)));
            }

            text.Clear();
            first = null;
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Builds words from a page's letters in content order (PdfPig's default word extractor splits words
/// at kerning gaps in some files). Reads the letters of one orientation, in the frame where they are
/// horizontal (<see cref="TextFrame"/>), and keeps those inside it, in top-down coordinates of that frame.
/// </summary>
internal static class WordReader
{
    /// <summary>A gap along the baseline wider than this share of the font size separates words.</summary>
    private const double WordGap = 0.2;

    /// <summary>
    /// A space whose next glyph starts within this share of the font size of the space's own start was kerned back out
    /// exactly (corpus: 0 in such headings; spaces of tightly set text that still separate words start their next glyph
    /// 0.006 em or more further on).
    /// </summary>
    private const double KernedSpace = 0.003;

    private static readonly ConcurrentDictionary<string, bool> BoldFontNames = new(StringComparer.Ordinal);

    /// <summary>Words of the letters drawn with <see cref="TextFrame.Orientation"/>, in <paramref name="frame"/>'s coordinates.</summary>
    public static List<PageWord> Read(Page page, TextFrame frame)
    {
        // PdfPig gives coordinates relative to the crop box (page.Width x page.Height); the frame turns them.
        var builder = new Builder(frame.Width, frame.Height);
        Glyph? previous = null;
        var letters = page.Letters;
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            var glyph = new Glyph(letter, frame.Map(letter.StartBaseLine), frame.Map(letter.EndBaseLine));
            if (string.IsNullOrWhiteSpace(letter.Value) && previous is { } before
                && glyph.Start.X - before.End.X < -0.15 * Math.Max(1, before.Letter.PointSize))
            {
                continue; // a space overlapping the previous glyph (e.g. the slot after a ligature) separates nothing
            }

            if (string.IsNullOrWhiteSpace(letter.Value) && previous is not null && i + 1 < letters.Count && IsKernedAway(glyph, letters[i + 1], frame))
            {
                continue; // "T riage", "Co ntents": the next glyph is drawn where the space starts, so the space takes no room
            }

            if (letter.TextOrientation != frame.Orientation || string.IsNullOrWhiteSpace(letter.Value))
            {
                builder.Flush();
                previous = null;
                continue;
            }

            if (previous is { } last)
            {
                var size = Math.Max(1, Math.Max(letter.PointSize, last.Letter.PointSize));
                var dx = glyph.Start.X - last.End.X;
                var dy = Math.Abs(glyph.Start.Y - last.End.Y);
                if (letter.Value == last.Letter.Value && Math.Abs(glyph.Start.X - last.Start.X) < 1 && dy < 1)
                {
                    continue; // the same glyph drawn twice (simulated bold or shadow)
                }

                if (dx > WordGap * size || dx < -0.5 * size || dy > 0.3 * size)
                {
                    builder.Flush();
                }
            }

            builder.Add(glyph);
            previous = glyph;
        }

        builder.Flush();
        return builder.Words;
    }

    /// <summary>
    /// True when the letter after a space is drawn where the space starts: a space the typesetter kerned back out
    /// (headings set with tight tracking in the corpus), which separates nothing on the page.
    /// </summary>
    private static bool IsKernedAway(Glyph space, Letter next, TextFrame frame)
    {
        if (next.TextOrientation != frame.Orientation || string.IsNullOrWhiteSpace(next.Value))
        {
            return false;
        }

        var size = Math.Max(1, Math.Max(space.Letter.PointSize, next.PointSize));
        var start = frame.Map(next.StartBaseLine);
        var dx = start.X - space.Start.X;
        return Math.Abs(start.Y - space.Start.Y) < 0.3 * size && Math.Abs(dx) < KernedSpace * size;
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

    /// <summary>A letter with its baseline in the frame.</summary>
    private readonly record struct Glyph(Letter Letter, PdfPoint Start, PdfPoint End);

    private sealed class Builder(double width, double height)
    {
        private readonly StringBuilder text = new();
        private Letter? first;
        private double left, right, baseline, size;

        public List<PageWord> Words { get; } = [];

        public void Add(Glyph glyph)
        {
            var letter = glyph.Letter;
            var letterSize = letter.PointSize > 0 ? letter.PointSize : Math.Max(1, letter.BoundingBox.Height);
            if (first is null)
            {
                first = letter;
                left = Math.Min(glyph.Start.X, glyph.End.X);
                right = Math.Max(glyph.Start.X, glyph.End.X);
                baseline = glyph.Start.Y;
                size = letterSize;
            }
            else
            {
                left = Math.Min(left, glyph.Start.X);
                right = Math.Max(right, glyph.End.X);
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

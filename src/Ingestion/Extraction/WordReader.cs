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
    public static List<PageWord> Read(IReadOnlyList<Letter> letters, TextFrame frame)
    {
        // PdfPig gives coordinates relative to the crop box (page.Width x page.Height); the frame turns them.
        var builder = new Builder(frame.Width, frame.Height);
        Glyph? previous = null;
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
                if (builder.Superscript is { } run)
                {
                    if (IsRaised(glyph, run, last))
                    {
                        builder.AddSuperscript(glyph);
                        previous = glyph;
                        continue;
                    }
                    builder.Flush(); // back on the baseline after a reference number: a new word
                }
                else if (IsSuperscript(glyph, last, builder.EndsWithDigit))
                {
                    builder.AddSuperscript(glyph);
                    previous = glyph;
                    continue;
                }
                else if (dx > WordGap * size || dx < -0.5 * size || dy > 0.3 * size)
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

    /// <summary>Smaller type raised above the word it follows.</summary>
    private const double SuperscriptSize = 0.85;

    /// <summary>
    /// A reference number or an ordinal's ending set small and raised right after a word ("hypnozoites¹", "1st"): part of
    /// that word, not a line of its own above the sentence. Only digits (and ",–-" between them) after any word, and
    /// letters after a digit, so that a raised footnote letter or symbol keeps its own word.
    /// </summary>
    private static bool IsSuperscript(Glyph glyph, Glyph before, bool afterDigit)
    {
        var letter = glyph.Letter;
        var baseSize = before.Letter.PointSize;
        if (baseSize <= 0 || letter.PointSize <= 0 || letter.PointSize > SuperscriptSize * baseSize || letter.Value.Length != 1)
        {
            return false;
        }
        var c = letter.Value[0];
        if (!char.IsAsciiDigit(c) && !(afterDigit && char.IsAsciiLetterLower(c)))
        {
            return false;
        }
        var dx = glyph.Start.X - before.End.X;
        var rise = glyph.Start.Y - before.Start.Y; // baselines in PDF coordinates: y grows upwards
        return rise > 0.2 * baseSize && rise < 0.8 * baseSize && dx > -0.1 * baseSize && dx < WordGap * baseSize;
    }

    /// <summary>Still in the raised run that started at <paramref name="run"/>: its size and baseline, no gap after <paramref name="last"/>.</summary>
    private static bool IsRaised(Glyph glyph, Glyph run, Glyph last)
    {
        var size = Math.Max(1, run.Letter.PointSize);
        var c = glyph.Letter.Value.Length == 1 ? glyph.Letter.Value[0] : ' ';
        var dx = glyph.Start.X - last.End.X;
        return Math.Abs(glyph.Start.Y - run.Start.Y) < 0.2 * size && Math.Abs(glyph.Letter.PointSize - run.Letter.PointSize) < 0.1 * size
            && dx < WordGap * size && dx > -0.5 * size
            && (char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c is ',' or '–' or '-');
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

        /// <summary>The first glyph of the raised run the word ends with, if any.</summary>
        public Glyph? Superscript { get; private set; }

        public bool EndsWithDigit => text.Length > 0 && char.IsAsciiDigit(text[^1]);

        /// <summary>
        /// A raised glyph of the word: digits as superscript digits ("hypnozoites¹", never "hypnozoites1", which reads as
        /// another number after a dose), an ordinal's letters as they are ("1st").
        /// </summary>
        public void AddSuperscript(Glyph glyph)
        {
            Superscript ??= glyph;
            var c = glyph.Letter.Value[0];
            text.Append(char.IsAsciiDigit(c) ? SuperscriptDigits[c - '0'] : c);
            right = Math.Max(right, glyph.End.X);
        }

        private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

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

            text.Append(SymbolFontGlyphs.Read(letter.Value, letter.FontName));
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
            Superscript = null;
        }
    }
}

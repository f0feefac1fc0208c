using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Removes glyphs drawn again on top of themselves. Some files draw headings twice (a fill then a stroke, or simulated
/// bold), run by run, so that the text reads "Validity Validity of of the the current current"; poppler drops such
/// copies too. A copy is the same character within a tenth of its font size of a glyph already kept, wherever it comes
/// in the content stream.
/// </summary>
internal static class OverprintedLetters
{
    /// <summary>How close, as a share of the font size, a copy's baseline start lies to the glyph it repeats.</summary>
    private const double Tolerance = 0.1;

    public static IReadOnlyList<Letter> Without(IReadOnlyList<Letter> letters)
    {
        var kept = new List<Letter>(letters.Count);
        var drawn = new Dictionary<(string Value, int Size, long X, long Y), PdfPoint>();
        foreach (var letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                kept.Add(letter);
                continue;
            }
            // A grid of cells one tolerance wide: a copy lies in the glyph's cell or a neighbouring one.
            var tolerance = Tolerance * Math.Max(1, letter.PointSize);
            var size = (int)Math.Round(letter.PointSize * 10);
            var start = letter.StartBaseLine;
            var x = (long)Math.Floor(start.X / tolerance);
            var y = (long)Math.Floor(start.Y / tolerance);
            if (IsCopy(drawn, (letter.Value, size, x, y), start, tolerance))
            {
                continue;
            }
            drawn.TryAdd((letter.Value, size, x, y), start);
            kept.Add(letter);
        }
        return kept;
    }

    private static bool IsCopy(Dictionary<(string, int, long, long), PdfPoint> drawn, (string Value, int Size, long X, long Y) cell,
        PdfPoint start, double tolerance)
    {
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (drawn.TryGetValue((cell.Value, cell.Size, cell.X + dx, cell.Y + dy), out var other)
                    && Math.Abs(other.X - start.X) < tolerance && Math.Abs(other.Y - start.Y) < tolerance)
                {
                    return true;
                }
            }
        }
        return false;
    }
}

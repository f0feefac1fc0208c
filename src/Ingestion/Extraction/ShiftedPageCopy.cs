using UglyToad.PdfPig.Content;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Removes a second copy of a page's text drawn a little off the first, down and to the side (the Solomon Islands
/// manual's neonatal drug-dose table is printed twice, 8 pt left and 10 pt down): read as it is, every cell interleaves
/// with its copy ("Avoid where possible in Avoid neonates where"). The copy shows as one diagonal offset at which a
/// large share of the page's letters and digits repeat, same character, same size, and many different characters.
/// Rows and columns of a table repeat words straight down or across, never diagonally, so an offset along one axis is
/// not taken for a copy; dot leaders and a form's grid of marks repeat one character and are not either.
/// </summary>
internal static class ShiftedPageCopy
{
    /// <summary>The share of a page's letters and digits that must repeat at one offset for the page to be taken as drawn twice.</summary>
    private const double CopiedShare = 0.4;

    /// <summary>How far (points) a copy may lie from the text it repeats, along each axis.</summary>
    private const double MaxShift = 30;

    /// <summary>The smallest shift along each axis (points): closer copies are overprints (<see cref="OverprintedLetters"/>).</summary>
    private const double MinShift = 1;

    /// <summary>Offsets are compared to this precision (points).</summary>
    private const double Precision = 0.1;

    private const int MinGlyphs = 50;

    /// <summary>The largest share of one character among the glyphs of a copy.</summary>
    private const double MostOfOneCharacter = 0.5;

    public static IReadOnlyList<Letter> Without(IReadOnlyList<Letter> letters)
    {
        // Positions in drawing order: of two matching glyphs, the one drawn later is the copy.
        var glyphs = letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        if (glyphs.Count < MinGlyphs)
        {
            return letters;
        }
        var cells = Enumerable.Range(0, glyphs.Count).GroupBy(i => Cell(glyphs[i])).ToDictionary(g => g.Key, g => g.ToList());
        // Only letters and digits vote: the dots of leaders repeat at every offset on an index page.
        var votes = new Dictionary<(long, long), int>();
        var voters = 0;
        for (var i = 0; i < glyphs.Count; i++)
        {
            if (!glyphs[i].Value.Any(char.IsLetterOrDigit))
            {
                continue;
            }
            voters++;
            foreach (var shift in ShiftsFromEarlier(glyphs, cells, i))
            {
                votes[shift] = votes.GetValueOrDefault(shift) + 1;
            }
        }
        if (votes.Count == 0)
        {
            return letters;
        }
        var (offset, count) = votes.MaxBy(v => v.Value);
        if (count < CopiedShare * voters)
        {
            return letters;
        }
        var copies = Enumerable.Range(0, glyphs.Count).Where(i => ShiftsFromEarlier(glyphs, cells, i).Contains(offset))
            .Select(i => glyphs[i]).ToHashSet<Letter>(ReferenceEqualityComparer.Instance);
        // A copy of a page repeats its text, many different characters; a form's grid of "o" marks repeats one.
        if (copies.GroupBy(g => g.Value).Max(g => g.Count()) > MostOfOneCharacter * copies.Count)
        {
            return letters;
        }
        return letters.Where(l => !copies.Contains(l)).ToList();
    }

    /// <summary>
    /// The diagonal offsets, in units of <see cref="Precision"/>, from each glyph drawn before glyph <paramref name="i"/>
    /// with the same character and size, near enough to be its original.
    /// </summary>
    private static IEnumerable<(long, long)> ShiftsFromEarlier(List<Letter> glyphs, Dictionary<(string, int, long, long), List<int>> cells, int i)
    {
        var glyph = glyphs[i];
        var (value, size, x, y) = Cell(glyph);
        for (var cx = x - 1; cx <= x + 1; cx++)
        {
            for (var cy = y - 1; cy <= y + 1; cy++)
            {
                if (!cells.TryGetValue((value, size, cx, cy), out var near))
                {
                    continue;
                }
                foreach (var j in near.Where(j => j < i))
                {
                    var dx = glyph.StartBaseLine.X - glyphs[j].StartBaseLine.X;
                    var dy = glyph.StartBaseLine.Y - glyphs[j].StartBaseLine.Y;
                    if (Math.Abs(dx) >= MinShift && Math.Abs(dy) >= MinShift && Math.Abs(dx) <= MaxShift && Math.Abs(dy) <= MaxShift)
                    {
                        yield return ((long)Math.Round(dx / Precision), (long)Math.Round(dy / Precision));
                    }
                }
            }
        }
    }

    private static (string, int, long, long) Cell(Letter letter) =>
        (letter.Value, (int)Math.Round(letter.PointSize * 10), (long)Math.Floor(letter.StartBaseLine.X / MaxShift), (long)Math.Floor(letter.StartBaseLine.Y / MaxShift));
}

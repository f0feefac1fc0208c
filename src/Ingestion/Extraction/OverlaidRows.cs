namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Separates two lines that one row band caught because they are drawn over each other: a running footer printed across
/// the last body line ("Primaquine 4th Edition therapy 2017 to …"). Words of one line never overlap; where two words of
/// a row overlap by much of their width, the row is cut at the widest gap between the words' vertical centres.
/// </summary>
internal static class OverlaidRows
{
    /// <summary>Share of the narrower word's width two words must overlap to be on different lines (kerning and italics overlap far less).</summary>
    private const double OverlapShare = 0.4;

    /// <summary>The gap between the two lines' centres, in font sizes, below which the words are one line drawn twice, not two lines.</summary>
    private const double MinCentreGapInFontSizes = 0.2;

    /// <summary>At most this many lines are taken apart from one row.</summary>
    private const int MaxDepth = 3;

    public static IEnumerable<List<PageWord>> Separate(List<PageWord> row) => Separate(row, MaxDepth);

    private static IEnumerable<List<PageWord>> Separate(List<PageWord> row, int depth)
    {
        if (depth == 0 || !HasOverlap(row))
        {
            return [row];
        }

        var byCentre = row.OrderBy(Centre).ToList();
        var cut = 0;
        var widest = 0.0;
        for (var i = 1; i < byCentre.Count; i++)
        {
            var gap = Centre(byCentre[i]) - Centre(byCentre[i - 1]);
            if (gap > widest)
            {
                widest = gap;
                cut = i;
            }
        }

        var fontSize = byCentre.Max(w => w.FontSize);
        if (widest < MinCentreGapInFontSizes * fontSize)
        {
            return [row];
        }

        return Separate(byCentre[..cut], depth - 1).Concat(Separate(byCentre[cut..], depth - 1));
    }

    private static bool HasOverlap(List<PageWord> row)
    {
        var byLeft = row.OrderBy(w => w.Left).ToList();
        for (var i = 0; i < byLeft.Count; i++)
        {
            for (var j = i + 1; j < byLeft.Count && byLeft[j].Left < byLeft[i].Right; j++)
            {
                var overlap = Math.Min(byLeft[i].Right, byLeft[j].Right) - byLeft[j].Left;
                var narrower = Math.Min(byLeft[i].Right - byLeft[i].Left, byLeft[j].Right - byLeft[j].Left);
                if (narrower > 0 && overlap > OverlapShare * narrower)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double Centre(PageWord word) => (word.Top + word.Bottom) / 2;
}

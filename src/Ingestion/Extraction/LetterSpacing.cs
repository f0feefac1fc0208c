namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Joins headings set letter-spaced ("E M E R G E N C Y  S I G N S"), which arrive as one word per capital letter,
/// into their words ("EMERGENCY SIGNS"). Only runs of at least <see cref="MinRun"/> single capitals on one baseline,
/// in one font size and close together, are joined, and they are cut into words where a gap is clearly wider than
/// the spacing between letters; "A child", "vitamin A and" and table column letters far apart stay as they are.
/// </summary>
internal static class LetterSpacing
{
    /// <summary>Fewer single capitals in a row are initials or list letters, not a spaced-out word.</summary>
    public const int MinRun = 4;

    /// <summary>The spacing between letters of a spaced-out word is at most this many font sizes (wider: table columns).</summary>
    private const double MaxLetterGap = 0.8;

    /// <param name="row">Words of one row, sorted left to right.</param>
    /// <returns>The row itself when nothing is spaced out, else a new list with each spaced-out word as one word.</returns>
    public static List<PageWord> Join(List<PageWord> row)
    {
        List<PageWord>? result = null;
        var i = 0;
        while (i < row.Count)
        {
            var end = RunEnd(row, i);
            if (end - i < MinRun)
            {
                result?.Add(row[i]);
                i++;
                continue;
            }

            result ??= row.GetRange(0, i);
            var smallest = double.MaxValue;
            for (var k = i + 1; k < end; k++)
            {
                smallest = Math.Min(smallest, row[k].Left - row[k - 1].Right);
            }

            var size = row[i].FontSize;
            var wordBreak = Math.Max(smallest * 1.8, smallest + (0.2 * size));
            var start = i;
            for (var k = i + 1; k <= end; k++)
            {
                if (k == end || row[k].Left - row[k - 1].Right > wordBreak)
                {
                    result.Add(Merge(row, start, k));
                    start = k;
                }
            }

            i = end;
        }

        return result ?? row;
    }

    /// <summary>The end (exclusive) of the run of close single capitals of one size that starts at <paramref name="start"/>.</summary>
    private static int RunEnd(List<PageWord> row, int start)
    {
        if (!IsCapital(row[start]))
        {
            return start + 1;
        }

        var end = start + 1;
        while (end < row.Count && IsCapital(row[end])
            && Math.Abs(row[end].FontSize - row[start].FontSize) <= 0.05 * row[start].FontSize
            && row[end].Left - row[end - 1].Right <= MaxLetterGap * row[start].FontSize
            && row[end].Left >= row[end - 1].Right - (0.1 * row[start].FontSize))
        {
            end++;
        }

        return end;
    }

    private static bool IsCapital(PageWord word) => word.Text.Length == 1 && char.IsUpper(word.Text[0]);

    private static PageWord Merge(List<PageWord> row, int start, int end)
    {
        if (end - start == 1)
        {
            return row[start];
        }

        var words = row.GetRange(start, end - start);
        return new PageWord(
            string.Concat(words.Select(w => w.Text)),
            words[0].Left,
            words[^1].Right,
            words.Min(w => w.Top),
            words.Max(w => w.Bottom),
            words.Max(w => w.FontSize),
            words[0].Bold);
    }
}

namespace Meditron.Ingestion.Extraction;

/// <summary>Groups words into rows (same baseline) and splits rows at wide gaps into lines.</summary>
internal static class LineBuilder
{
    /// <summary>A horizontal gap wider than this many font sizes separates two lines (columns, table cells).</summary>
    private const double GapInFontSizes = 0.9;

    public static List<List<LayoutLine>> BuildRows(List<PageWord> words)
    {
        var rows = new List<List<LayoutLine>>();
        if (words.Count == 0)
        {
            return rows;
        }

        words.Sort(static (a, b) => ((a.Top + a.Bottom) / 2).CompareTo((b.Top + b.Bottom) / 2));
        var current = new List<PageWord> { words[0] };
        double bandTop = words[0].Top, bandBottom = words[0].Bottom;
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            var centre = (w.Top + w.Bottom) / 2;
            if (centre >= bandTop && centre <= bandBottom)
            {
                current.Add(w);
                continue;
            }

            rows.Add(Split(current));
            current = [w];
            bandTop = w.Top;
            bandBottom = w.Bottom;
        }

        rows.Add(Split(current));
        return rows;
    }

    private static List<LayoutLine> Split(List<PageWord> row)
    {
        row.Sort(static (a, b) => a.Left.CompareTo(b.Left));
        row = LetterSpacing.Join(row);
        var lines = new List<LayoutLine>();
        var start = 0;
        for (var i = 1; i < row.Count; i++)
        {
            var gap = row[i].Left - row[i - 1].Right;
            var size = Math.Max(row[i].FontSize, row[i - 1].FontSize);
            if (gap > GapInFontSizes * size && !(gap < 4 * size && IsSectionNumber(row, start, i)))
            {
                lines.Add(new LayoutLine(row.GetRange(start, i - start)));
                start = i;
            }
        }

        lines.Add(new LayoutLine(row.GetRange(start, row.Count - start)));
        return lines;
    }

    /// <summary>True when the words [start, end) are just a section number such as "4.2" (kept with the title after it).</summary>
    private static bool IsSectionNumber(List<PageWord> row, int start, int end)
    {
        if (end - start != 1)
        {
            return false;
        }

        var text = row[start].Text.TrimEnd('.');
        return text.Length is > 0 and <= 12 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiDigit(c) || c == '.');
    }
}

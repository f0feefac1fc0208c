using Meditron.Core.Text;

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
        var giant = GiantHeight(words);
        var current = new List<PageWord>();
        double bandTop = 0, bandBottom = 0;
        foreach (var w in words)
        {
            if (w.Bottom - w.Top > giant && w.Text.Length <= 2)
            {
                // A decorative numeral's band would take in every line beside it; the numeral itself says nothing.
                if (!w.Text.All(char.IsDigit))
                {
                    AddRows(rows, [w]);
                }
                continue;
            }
            var centre = (w.Top + w.Bottom) / 2;
            if (current.Count > 0 && centre >= bandTop && centre <= bandBottom)
            {
                current.Add(w);
                continue;
            }

            AddRows(rows, current);
            current = [w];
            bandTop = w.Top;
            bandBottom = w.Bottom;
        }

        AddRows(rows, current);
        return rows;
    }

    /// <summary>
    /// A glyph or two taller than this (four times the page's median word height) is not a line the words beside it are
    /// read along: a chapter numeral set 320 pt high behind its title and first paragraph ("ISSUE 4") is left out, a drop
    /// cap is a row of its own. A title in large type is words, and stays a line.
    /// </summary>
    private static double GiantHeight(List<PageWord> words)
    {
        var heights = words.Select(w => w.Bottom - w.Top).Order().ToList();
        return 4 * heights[heights.Count / 2];
    }

    private static void AddRows(List<List<LayoutLine>> rows, List<PageWord> band)
    {
        if (band.Count == 0)
        {
            return;
        }
        foreach (var row in OverlaidRows.Separate(band))
        {
            rows.Add(Split(row));
        }
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
            if (gap > GapInFontSizes * size && !(gap < 4 * size && IsItemMark(row, start, i)))
            {
                lines.Add(new LayoutLine(row.GetRange(start, i - start)));
                start = i;
            }
        }

        lines.Add(new LayoutLine(row.GetRange(start, row.Count - start)));
        return lines;
    }

    /// <summary>
    /// True when the words [start, end) are just a section number such as "4.2" or a list mark ("•", "(c)") set apart
    /// from its item by a hanging indent: kept with the title or item after it, not read as a column of marks.
    /// </summary>
    private static bool IsItemMark(List<PageWord> row, int start, int end)
    {
        if (end - start != 1)
        {
            return false;
        }

        var word = row[start].Text;
        if (ListMarks.IsItemMark(word))
        {
            return end < row.Count && row[end].Text.Length > 0 && char.IsLetterOrDigit(row[end].Text[0]);
        }

        var text = word.TrimEnd('.');
        return text.Length is > 0 and <= 12 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiDigit(c) || c == '.');
    }
}

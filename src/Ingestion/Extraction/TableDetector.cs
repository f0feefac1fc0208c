namespace Meditron.Ingestion.Extraction;

/// <summary>A table found on a page: its rows of cells (first row = header) and the lines it consumed.</summary>
internal sealed record DetectedTable(IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<LayoutLine> Lines);

/// <summary>
/// Finds tables as runs of consecutive rows whose lines start at the same column positions.
/// A run is a table when it has at least three rows and does not look like multi-column prose
/// (two columns of long lines).
/// </summary>
internal static class TableDetector
{
    private const int MinRows = 3;

    public static List<DetectedTable> Detect(List<List<LayoutLine>> rows)
    {
        var tables = new List<DetectedTable>();
        var i = 0;
        while (i < rows.Count)
        {
            if (rows[i].Count < 2)
            {
                i++;
                continue;
            }

            var end = TryGrow(rows, i, out var table);
            if (table is not null)
            {
                tables.Add(table);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return tables;
    }

    private static int TryGrow(List<List<LayoutLine>> rows, int start, out DetectedTable? table)
    {
        table = null;
        var anchors = rows[start].Select(l => l.Left).ToList();
        var tolerance = Math.Max(2.0, rows[start].Average(l => l.FontSize) * 0.6);
        var cellRows = new List<string[]> { rows[start].Select(l => l.Text).ToArray() };
        var lines = new List<LayoutLine>(rows[start]);
        var lastBottom = rows[start].Max(l => l.Bottom);
        var lineHeight = rows[start].Average(l => l.Height);
        var i = start + 1;
        for (; i < rows.Count; i++)
        {
            var row = rows[i];
            var top = row.Min(l => l.Top);
            if (top - lastBottom > Math.Max(lineHeight, 4) * 2.5)
            {
                break; // a large vertical gap ends the table
            }

            var slots = row.Select(l => AnchorOf(anchors, l.Left, tolerance)).ToArray();
            var aligned = slots.Count(s => s >= 0);
            if (row.Count >= 2 && aligned >= 2 && aligned >= row.Count - 1)
            {
                var cells = new string[anchors.Count];
                for (var c = 0; c < row.Count; c++)
                {
                    var slot = slots[c] >= 0 ? slots[c] : NearestAnchor(anchors, row[c].Left);
                    cells[slot] = cells[slot] is null ? row[c].Text : cells[slot] + " " + row[c].Text;
                }

                cellRows.Add(cells);
            }
            else if (row.Count == 1 && slots[0] > 0 && cellRows.Count > 1)
            {
                // A wrapped cell: continue the previous row's cell.
                var previous = cellRows[^1];
                previous[slots[0]] = previous[slots[0]] is null ? row[0].Text : previous[slots[0]] + " " + row[0].Text;
            }
            else
            {
                break;
            }

            lines.AddRange(row);
            lastBottom = row.Max(l => l.Bottom);
        }

        if (cellRows.Count < MinRows || LooksLikeProse(cellRows, anchors.Count))
        {
            return start + 1;
        }

        table = new DetectedTable(
            cellRows.Select(r => (IReadOnlyList<string>)r.Select(c => c ?? string.Empty).ToArray()).ToList(),
            lines);
        return i;
    }

    private static bool LooksLikeProse(List<string[]> rows, int columns)
    {
        var cells = rows.SelectMany(r => r).Where(c => !string.IsNullOrEmpty(c)).ToList();
        var wordsPerCell = cells.Average(c => c.Count(ch => ch == ' ') + 1.0);
        return wordsPerCell >= 6 || (columns == 2 && wordsPerCell >= 4);
    }

    private static int AnchorOf(List<double> anchors, double left, double tolerance)
    {
        for (var a = 0; a < anchors.Count; a++)
        {
            if (Math.Abs(anchors[a] - left) <= tolerance)
            {
                return a;
            }
        }

        return -1;
    }

    private static int NearestAnchor(List<double> anchors, double left)
    {
        var best = 0;
        for (var a = 1; a < anchors.Count; a++)
        {
            if (anchors[a] <= left + 1)
            {
                best = a;
            }
        }

        return best;
    }
}

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Lines as the rows a reader sees: lines whose middles fall in one band, left to right, joined by a space. A table
/// of contents whose page numbers were read as a column of their own gets each entry back with its number.
/// </summary>
internal static class VisualRows
{
    public static List<string> Of(IEnumerable<LayoutLine> lines)
    {
        var sorted = lines.Where(l => !l.Removed).OrderBy(l => (l.Top + l.Bottom) / 2).ToList();
        var rows = new List<string>();
        var current = new List<LayoutLine>();
        double bandTop = 0, bandBottom = 0;
        foreach (var line in sorted)
        {
            var middle = (line.Top + line.Bottom) / 2;
            if (current.Count > 0 && middle >= bandTop && middle <= bandBottom)
            {
                current.Add(line);
                continue;
            }

            Flush(current, rows);
            current.Add(line);
            bandTop = line.Top;
            bandBottom = line.Bottom;
        }

        Flush(current, rows);
        return rows;
    }

    private static void Flush(List<LayoutLine> current, List<string> rows)
    {
        if (current.Count == 0)
        {
            return;
        }

        var text = TextNormalizer.Clean(string.Join(' ', current.OrderBy(l => l.Left).Select(l => l.Text)));
        if (text.Length > 0)
        {
            rows.Add(text);
        }

        current.Clear();
    }
}

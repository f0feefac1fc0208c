namespace Meditron.Generation.Extractive;

/// <summary>
/// Tables in a passage, as ingestion writes them: a header line then row lines, cells separated by " | ". A row
/// answers when read with its column headers ("IFG — Fasting glucose: ≥6.1 and &lt;7.0 mmol/l; 2-h glucose: &lt;7.8 mmol/l"),
/// never as a run of cells; its quote stays the row line as the passage holds it.
/// </summary>
internal static class TableRows
{
    public const string CellSeparator = " | ";

    /// <summary>Between the rows of a table read whole.</summary>
    public const string RowSeparator = " / ";

    /// <summary>A row of a table read with its headers, and the row line it comes from.</summary>
    public sealed record Row(string Text, string Line, int Start);

    /// <summary>The line ranges of the passage's tables: runs of at least two lines with cells, the first being the header.</summary>
    public static IReadOnlyList<(int Start, int End)> Find(string passage)
    {
        var tables = new List<(int, int)>();
        var lines = Lines(passage);
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            while (j < lines.Count && HasCells(lines[j].Text))
            {
                j++;
            }
            if (j - i >= 2)
            {
                tables.Add((lines[i].Start, lines[j - 1].Start + lines[j - 1].Text.Length));
            }
            i = Math.Max(j, i + 1);
        }
        return tables;
    }

    /// <summary>The rows of the table at <paramref name="start"/>..<paramref name="end"/>, each with its column headers.</summary>
    public static IEnumerable<Row> Read(string passage, int start, int end)
    {
        var lines = Lines(passage[start..end]);
        var headers = Cells(lines[0].Text);
        foreach (var (text, offset) in lines.Skip(1))
        {
            var cells = Cells(text);
            var parts = new List<string>();
            for (var c = 1; c < cells.Length; c++)
            {
                if (cells[c].Length == 0)
                {
                    continue;
                }
                var header = cells.Length == headers.Length ? headers[c] : "";
                parts.Add(header.Length > 0 ? header + ": " + cells[c] : cells[c]);
            }
            if (cells[0].Length > 0 && parts.Count > 0)
            {
                yield return new Row(cells[0] + " — " + string.Join("; ", parts), text, start + offset);
            }
        }
    }

    private static bool HasCells(string line) => line.Contains(CellSeparator, StringComparison.Ordinal);

    private static string[] Cells(string line) => line.Split('|').Select(c => c.Trim()).ToArray();

    /// <summary>The lines of a text, each with where it starts (a last empty line after a final line break).</summary>
    public static List<(string Text, int Start)> Lines(string text)
    {
        var lines = new List<(string, int)>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            lines.Add((text[start..end], start));
            start = end + 1;
        }
        return lines;
    }
}

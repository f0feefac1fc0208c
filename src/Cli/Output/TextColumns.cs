using System.Text;

namespace Meditron.Cli.Output;

/// <summary>
/// Rows as aligned columns of plain text for redirected output: one line per row whatever its length
/// (no wrapping, no borders, no trailing spaces), so that grep and awk see one record per line.
/// </summary>
internal static class TextColumns
{
    private const string Gap = "  ";

    /// <param name="rightAligned">Indexes of the columns aligned right (numbers).</param>
    public static IEnumerable<string> Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int>? rightAligned = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var table = rows.Prepend(headers).Select(row => row.Select(Cell).ToArray()).ToList();
        int[] widths = Enumerable.Range(0, headers.Count).Select(c => table.Max(row => c < row.Length ? row[c].Length : 0)).ToArray();
        foreach (string[] row in table)
        {
            var line = new StringBuilder();
            for (int c = 0; c < widths.Length; c++)
            {
                string cell = c < row.Length ? row[c] : "-";
                bool last = c == widths.Length - 1;
                if (c > 0)
                {
                    line.Append(Gap);
                }
                if (rightAligned?.Contains(c) == true)
                {
                    line.Append(cell.PadLeft(widths[c]));
                }
                else
                {
                    line.Append(last ? cell : cell.PadRight(widths[c]));
                }
            }
            yield return line.ToString().TrimEnd();
        }
    }

    /// <summary>A cell is one line, and never empty, so that columns can be counted.</summary>
    private static string Cell(string? value)
    {
        string text = (value ?? "").ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
        return text.Length == 0 ? "-" : text;
    }
}

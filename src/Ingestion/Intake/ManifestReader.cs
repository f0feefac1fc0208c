using System.Globalization;

namespace Meditron.Ingestion.Intake;

/// <summary>
/// Reads a tab-separated MANIFEST.tsv (header row; columns found by name: file, publisher, title,
/// year, language, guideline, edition; others ignored).
/// </summary>
public static class ManifestReader
{
    public const string FileName = "MANIFEST.tsv";

    /// <summary>Entries by file name (case-insensitive); empty when the folder has no manifest.</summary>
    public static IReadOnlyDictionary<string, ManifestEntry> ReadFolder(string folder)
    {
        string path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Read(File.ReadAllLines(path)) : new Dictionary<string, ManifestEntry>();
    }

    public static IReadOnlyDictionary<string, ManifestEntry> Read(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.OrdinalIgnoreCase);
        if (lines.Count == 0)
        {
            return entries;
        }
        string[] header = lines[0].Split('\t');
        int Column(string name) => Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        int file = Column("file");
        if (file < 0)
        {
            throw new FormatException($"{FileName} has no 'file' column.");
        }
        foreach (string line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            string[] cells = line.Split('\t');
            string? name = Cell(cells, file);
            if (name is not null)
            {
                entries[name] = Entry(name, column => Cell(cells, Column(column)));
            }
        }
        return entries;
    }

    /// <summary>
    /// The metadata of one row, its cells looked up by column name (null when absent or blank): the one reading of
    /// the columns, shared with the other tables in this format (the SOURCES file of <c>meditron sync</c>).
    /// </summary>
    public static ManifestEntry Entry(string file, Func<string, string?> cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return new ManifestEntry(
            file,
            cell("publisher"),
            cell("title"),
            int.TryParse(cell("year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int y) ? y : null,
            cell("language"),
            cell("guideline"),
            cell("edition"));
    }

    /// <summary>A trimmed cell; null when the row is shorter or the cell is blank.</summary>
    public static string? Cell(string[] cells, int index) =>
        cells is not null && index >= 0 && index < cells.Length && !string.IsNullOrWhiteSpace(cells[index]) ? cells[index].Trim() : null;
}

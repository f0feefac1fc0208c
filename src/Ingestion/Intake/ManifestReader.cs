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
        int publisher = Column("publisher"), title = Column("title"), year = Column("year"),
            language = Column("language"), guideline = Column("guideline"), edition = Column("edition");

        foreach (string line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            string[] cells = line.Split('\t');
            string? Cell(int index) => index >= 0 && index < cells.Length && !string.IsNullOrWhiteSpace(cells[index]) ? cells[index].Trim() : null;
            string? name = Cell(file);
            if (name is null)
            {
                continue;
            }
            entries[name] = new ManifestEntry(
                name,
                Cell(publisher),
                Cell(title),
                int.TryParse(Cell(year), NumberStyles.Integer, CultureInfo.InvariantCulture, out int y) ? y : null,
                Cell(language),
                Cell(guideline),
                Cell(edition));
        }
        return entries;
    }
}

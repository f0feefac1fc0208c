using Meditron.Ingestion.Intake;

namespace Meditron.Application.Syncing;

/// <summary>
/// Reads a SOURCES file: a MANIFEST.tsv (tab-separated, header row, columns by name) with one more column,
/// <c>source</c>, the https URL or local path of each guideline PDF. The <c>file</c> column is optional here: a blank
/// one is taken from the URL's or path's last segment.
/// </summary>
public static class SourceList
{
    public const string SourceColumn = "source";

    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="FormatException">The file has no <c>source</c> column.</exception>
    public static IReadOnlyList<SyncSource> Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No such SOURCES file: {path}", path);
        }
        return Parse(File.ReadAllLines(full), Path.GetDirectoryName(full)!, Path.GetFileName(full));
    }

    /// <param name="baseDirectory">What relative local paths are relative to (the SOURCES file's folder).</param>
    /// <param name="name">The file's name, for the error messages.</param>
    public static IReadOnlyList<SyncSource> Parse(IReadOnlyList<string> lines, string baseDirectory, string name = "SOURCES")
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new FormatException($"{name} is empty: it needs a header row with a '{SourceColumn}' column.");
        }
        string[] header = lines[0].Split('\t');
        int Column(string column) => Array.FindIndex(header, h => h.Trim().Equals(column, StringComparison.OrdinalIgnoreCase));
        int source = Column(SourceColumn);
        if (source < 0)
        {
            throw new FormatException(
                $"{name} has no '{SourceColumn}' column: it is a MANIFEST.tsv (tab-separated, header row) with one more column, " +
                $"'{SourceColumn}', the https URL or local path of each guideline PDF.");
        }

        var sources = new List<SyncSource>();
        foreach (string line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            string[] cells = line.Split('\t');
            string? where = ManifestReader.Cell(cells, source);
            if (where is null)
            {
                continue;
            }
            var location = Locate(where, baseDirectory);
            string file = ManifestReader.Cell(cells, Column("file")) ?? FileNameOf(location);
            sources.Add(new SyncSource(where, location, ManifestReader.Entry(file, column => ManifestReader.Cell(cells, Column(column)))));
        }
        return sources;
    }

    /// <summary>An absolute URL as it is (its scheme is checked when it is fetched); anything else is a local path.</summary>
    private static Uri Locate(string source, string baseDirectory) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile
            ? uri
            : new Uri(Path.GetFullPath(source, baseDirectory));

    private static string FileNameOf(Uri location)
    {
        string last = location.IsFile ? Path.GetFileName(location.LocalPath) : Uri.UnescapeDataString(location.Segments[^1]).Trim('/');
        return string.IsNullOrWhiteSpace(last) ? "guideline.pdf" : last;
    }
}

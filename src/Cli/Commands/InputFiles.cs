using Meditron.Ingestion.Intake;

namespace Meditron.Cli.Commands;

/// <summary>A file to ingest, with the manifest row of its folder when there is one.</summary>
internal sealed record InputFile(string Path, ManifestEntry? Manifest);

/// <summary>Expands the paths given to `ingest`: files as they are, folders to the PDFs inside them.</summary>
internal static class InputFiles
{
    public static (IReadOnlyList<InputFile> Files, IReadOnlyList<string> Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<InputFile>();
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string folder in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories).Prepend(path))
                {
                    var manifest = ManifestReader.ReadFolder(folder);
                    foreach (string pdf in Directory.EnumerateFiles(folder)
                        .Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal))
                    {
                        Add(pdf, manifest.GetValueOrDefault(Path.GetFileName(pdf)));
                    }
                }
            }
            else if (File.Exists(path))
            {
                var manifest = ManifestReader.ReadFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
                Add(path, manifest.GetValueOrDefault(Path.GetFileName(path)));
            }
            else
            {
                missing.Add(path);
            }
        }
        return (files, missing);

        void Add(string file, ManifestEntry? manifest)
        {
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(new InputFile(file, manifest));
            }
        }
    }
}

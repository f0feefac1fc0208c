using Meditron.Ingestion.Intake;

namespace Meditron.Application.Syncing;

/// <summary>One row of a SOURCES file: where the guideline PDF is, and its metadata in the MANIFEST format.</summary>
/// <param name="Source">The URL or path exactly as written: the key of its saved state and of its report.</param>
/// <param name="Location">An absolute http(s) URL, or a full local path (relative ones resolved against the SOURCES file's folder).</param>
/// <param name="Manifest">The row's metadata; its file name names the document (from the URL or path when the cell is blank).</param>
public sealed record SyncSource(string Source, Uri Location, ManifestEntry Manifest)
{
    public bool IsLocalFile => Location.IsFile;
}

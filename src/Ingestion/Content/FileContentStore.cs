using Meditron.Core.Ports;

namespace Meditron.Ingestion.Content;

/// <summary>
/// Original files under {data}/content, addressed by their SHA-256 ("sha256:HEX"). Writes go to a
/// temporary file that is renamed into place, so a killed process never leaves a half-written file.
/// </summary>
public sealed class FileContentStore(string dataDirectory) : IContentStore
{
    private readonly string _root = Path.Combine(dataDirectory, "content");

    public async Task<string> PutAsync(Stream content, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string contentRef = ContentReference.For(sha256);
        string path = PathOf(contentRef);
        if (File.Exists(path))
        {
            return contentRef;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            // Another process may have stored the same bytes meanwhile: theirs is identical.
            if (!File.Exists(path))
            {
                File.Move(temp, path, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }
        return contentRef;
    }

    /// <exception cref="FileNotFoundException">Nothing is stored under the reference.</exception>
    public Task<Stream> OpenAsync(string contentRef, CancellationToken cancellationToken)
    {
        string path = PathOf(contentRef);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
            return Task.FromResult(stream);
        }
        catch (DirectoryNotFoundException e)
        {
            // Its folder (the first two hex digits) was never made: as missing as a missing file.
            throw new FileNotFoundException($"Nothing is stored under {contentRef}.", path, e);
        }
    }

    /// <summary>
    /// Removes the file; a missing one is fine (a repeated delete). A reader that has it open keeps reading
    /// (the open handle outlives the name on Linux and, with FileShare.Delete, on Windows).
    /// </summary>
    public Task DeleteAsync(string contentRef, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = PathOf(contentRef);
        try
        {
            File.Delete(path); // no exception when the file is not there
        }
        catch (DirectoryNotFoundException)
        {
            // Nor its folder (Windows says so, Linux does not).
        }
        return Task.CompletedTask;
    }

    private string PathOf(string contentRef)
    {
        string hex = ContentReference.DigestOf(contentRef);
        return Path.Combine(_root, hex[..2], hex + ".pdf");
    }
}

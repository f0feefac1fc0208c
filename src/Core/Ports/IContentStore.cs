namespace Meditron.Core.Ports;

/// <summary>Original document bytes, addressed by a content reference (claim check).</summary>
public interface IContentStore
{
    /// <summary>Stores the bytes (idempotent: same bytes, same reference) and returns the reference.</summary>
    Task<string> PutAsync(Stream content, string sha256, CancellationToken cancellationToken);

    /// <exception cref="FileNotFoundException">Nothing is stored under the reference.</exception>
    Task<Stream> OpenAsync(string contentRef, CancellationToken cancellationToken);

    /// <summary>Removes the stored bytes; a reference with nothing stored under it is not an error (a repeated delete).</summary>
    Task DeleteAsync(string contentRef, CancellationToken cancellationToken);
}

namespace Meditron.Core.Ports;

/// <summary>Original document bytes, addressed by a content reference (claim check).</summary>
public interface IContentStore
{
    /// <summary>Stores the bytes (idempotent: same bytes, same reference) and returns the reference.</summary>
    Task<string> PutAsync(Stream content, string sha256, CancellationToken cancellationToken);

    Task<Stream> OpenAsync(string contentRef, CancellationToken cancellationToken);
}

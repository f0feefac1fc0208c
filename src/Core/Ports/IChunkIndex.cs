using Meditron.Core.Documents;

namespace Meditron.Core.Ports;

/// <summary>Where indexed chunks live (the embedded store, or Qdrant in the distributed shape).</summary>
public interface IChunkIndex
{
    /// <summary>
    /// Replaces every chunk of the document with these in one atomic step (readers see the old
    /// chunks or the new ones, never a mix). Point ids are deterministic, so a repeat is harmless.
    /// </summary>
    Task ReplaceDocumentAsync(string documentId, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken);
}

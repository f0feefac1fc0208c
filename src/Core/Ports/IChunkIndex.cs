using Meditron.Core.Documents;
using Meditron.Core.Retrieval;

namespace Meditron.Core.Ports;

/// <summary>Where indexed chunks live and are searched: the embedded store, or Qdrant in the distributed shape.</summary>
public interface IChunkIndex
{
    /// <summary>
    /// Creates the index's collection/schema if missing and verifies it (vector size and distance, sparse IDF, payload
    /// indexes); safe to repeat and to race. Writes call it; reads never create anything, so a search node can run
    /// with a read-only key (Qdrant) and a mistyped collection is reported rather than created.
    /// </summary>
    /// <exception cref="InvalidOperationException">The existing collection was made for another configuration, or the server is too old.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces every chunk of the document with these in one atomic step as far as the backend
    /// allows (readers see the old chunks or the new ones). Point ids are deterministic, so a repeat is harmless.
    /// The first write records the embedding model of the vectors.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds vectors of another embedding model.</exception>
    Task ReplaceDocumentAsync(ChunkSource source, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="currentDocumentId"/> as the current edition of the guideline and its other editions as not current (null: none is).</summary>
    Task SetCurrentEditionAsync(string guidelineKey, string? currentDocumentId, CancellationToken cancellationToken);

    Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Ranked hits for the query, best first, at most <see cref="IndexQuery.Limit"/>, at most one per page (the
    /// page's best chunk on each side, before fusion); equal scores keep a stable order.
    /// </summary>
    /// <exception cref="IndexNotInitializedException">Nothing was ever indexed there: the Qdrant collection does not exist.</exception>
    /// <exception cref="EmbeddingModelMismatchException">A dense search over vectors of another embedding model.</exception>
    Task<IReadOnlyList<IndexHit>> SearchAsync(IndexQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// How many chunks hold each word, matched as a search matches words (embedded: its analysed BM25 terms; Qdrant: the
    /// words of its full-text index). 0 means the corpus never says it: a strong sign that a question is about something
    /// the loaded guidelines do not cover. Words that are only stop words are left out of the result.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> CountChunksWithWordsAsync(IReadOnlyCollection<string> words, CancellationToken cancellationToken);

    /// <summary>
    /// Refuses, before any slow work, an index whose vectors come from another embedding model than this configuration's
    /// (writes and dense searches check again); nothing to check when the adapter was given no model.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The index holds vectors of another embedding model.</exception>
    Task CheckEmbeddingModelAsync(CancellationToken cancellationToken);
}

using Meditron.Core.Documents;

namespace Meditron.Core.Retrieval;

/// <summary>One ranked chunk from an index adapter; higher scores rank first.</summary>
/// <param name="TextVector">The stored vector of the chunk's text alone (<see cref="EmbeddedChunk.TextVector"/>); null where the index holds none.</param>
public sealed record IndexHit(Chunk Chunk, ChunkSource Source, double Score, float[]? TextVector = null);

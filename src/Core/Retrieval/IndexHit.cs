using Meditron.Core.Documents;

namespace Meditron.Core.Retrieval;

/// <summary>One ranked chunk from an index adapter; higher scores rank first.</summary>
public sealed record IndexHit(Chunk Chunk, ChunkSource Source, double Score);

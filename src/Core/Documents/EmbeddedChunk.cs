namespace Meditron.Core.Documents;

/// <summary>A chunk with its dense vector, ready to index.</summary>
public sealed record EmbeddedChunk(Chunk Chunk, float[] Vector);

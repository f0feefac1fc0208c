namespace Meditron.Core.Documents;

/// <summary>A chunk with its dense vectors, ready to index.</summary>
/// <param name="Vector">The chunk as the index searches it: embedded under its document title and section path.</param>
/// <param name="TextVector">
/// The chunk's text alone, embedded as a passage: what an answer's evidence similarity compares with the question, kept so
/// that an answer need not embed its passages again. Null where an index holds none (stores written before it was kept).
/// </param>
public sealed record EmbeddedChunk(Chunk Chunk, float[] Vector, float[]? TextVector = null);

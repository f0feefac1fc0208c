using System.Numerics.Tensors;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;

namespace Meditron.Application.Answering;

/// <summary>
/// Each passage's dense similarity to the query: the passage's text embedded as a passage, dotted with the query's vector
/// (the embeddings are normalised, so this is the cosine). An absolute score, the same for every query: what /v1/ask
/// declines under (Answer:MinEvidenceSimilarity), where the hybrid ranking's fused score only orders one query's passages.
/// The index keeps each chunk's text vector from ingestion; only passages without one (a store written before it was
/// kept) are embedded here.
/// </summary>
public static class PassageSimilarity
{
    public static float[] Of(IEmbedder embedder, float[] queryVector, IReadOnlyList<SearchResult> passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(queryVector);
        ArgumentNullException.ThrowIfNull(passages);
        var vectors = new float[passages.Count][];
        // A stored vector of another size is another model's (the index refuses to mix models, so this is a guard only).
        var missing = Enumerable.Range(0, passages.Count).Where(i => passages[i].TextVector?.Length != queryVector.Length).ToList();
        if (missing.Count > 0)
        {
            float[][] embedded = embedder.Embed(missing.Select(i => passages[i].Text).ToList(), EmbeddingPurpose.Passage, cancellationToken);
            for (var m = 0; m < missing.Count; m++)
            {
                vectors[missing[m]] = embedded[m];
            }
        }
        return passages.Select((p, i) => TensorPrimitives.Dot(queryVector, vectors[i] ?? p.TextVector!)).ToArray();
    }
}

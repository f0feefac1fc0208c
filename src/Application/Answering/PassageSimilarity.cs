using System.Numerics.Tensors;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;

namespace Meditron.Application.Answering;

/// <summary>
/// Each passage's dense similarity to the query: the passages embedded as passages, dotted with the query's vector (the
/// embeddings are normalised, so this is the cosine). An absolute score, the same for every query: what /v1/ask declines
/// under (Answer:MinEvidenceSimilarity), where the hybrid ranking's fused score only orders one query's passages.
/// </summary>
public static class PassageSimilarity
{
    public static float[] Of(IEmbedder embedder, float[] queryVector, IReadOnlyList<SearchResult> passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(queryVector);
        ArgumentNullException.ThrowIfNull(passages);
        if (passages.Count == 0)
        {
            return [];
        }
        float[][] vectors = embedder.Embed(passages.Select(p => p.Text).ToList(), EmbeddingPurpose.Passage, cancellationToken);
        return vectors.Select(v => TensorPrimitives.Dot(queryVector, v)).ToArray();
    }
}

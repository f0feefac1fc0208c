using Google.Protobuf;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// Upsert batches bounded by count and by bytes. Qdrant allows 10,000 points per request, but at 384 dimensions
/// plus text that is about 40 MB, above the body limits of common proxies; so a batch also stops at a byte budget.
/// </summary>
internal static class QdrantBatches
{
    /// <summary>Bytes a point adds to the request beyond its own size: the field tag and the length prefix.</summary>
    private const int PerPointOverhead = 1 + 5;

    /// <summary>The serialized size of the point inside an upsert request.</summary>
    public static long SizeOf(PointStruct point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.CalculateSize() + PerPointOverhead;
    }

    /// <summary>
    /// The points in order, cut into batches of at most <paramref name="maxCount"/> points and <paramref name="maxBytes"/>
    /// bytes; a point larger than the budget alone goes in a batch of its own (Qdrant, not this split, decides on it).
    /// </summary>
    public static IEnumerable<List<PointStruct>> Split(IEnumerable<PointStruct> points, int maxCount, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var batch = new List<PointStruct>();
        long bytes = 0;
        foreach (var point in points)
        {
            long size = SizeOf(point);
            if (batch.Count > 0 && (batch.Count == maxCount || bytes + size > maxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(point);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

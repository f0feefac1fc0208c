using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// How every write is sent: waited (the call returns once the change is applied, so the next step of an ingest or
/// an edition flip sees it) and with strong ordering (in a replicated collection every write goes through the shard's
/// leader, so the replicas apply the flips of a guideline in the order they were sent, not in arrival order).
/// </summary>
internal static class QdrantWrites
{
    public const bool Wait = true;

    public const WriteOrderingType Ordering = WriteOrderingType.Strong;

    /// <summary>One upsert request for a batch of points.</summary>
    public static UpsertPoints Upsert(string collection, IEnumerable<PointStruct> points)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentNullException.ThrowIfNull(points);
        return new UpsertPoints
        {
            CollectionName = collection,
            Wait = Wait,
            Ordering = new WriteOrdering { Type = Ordering },
            Points = { points },
        };
    }
}

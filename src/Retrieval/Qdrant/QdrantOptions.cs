using System.ComponentModel.DataAnnotations;

namespace Meditron.Retrieval.Qdrant;

/// <summary>Where the Qdrant index of the distributed shape lives and how its collection is laid out.</summary>
public sealed class QdrantOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Index:Qdrant";

    /// <summary>The gRPC endpoint (Qdrant's port 6334, not the REST port 6333), e.g. <c>http://localhost:6334</c>; <c>https</c> for TLS.</summary>
    [Required]
    [RegularExpression("^https?://.+", ErrorMessage = "Index:Qdrant:Endpoint must be an http:// or https:// URL (the gRPC port, usually 6334).")]
    public string Endpoint { get; set; } = "http://localhost:6334";

    /// <summary>Qdrant API key; null or empty when the server needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The collection holding every chunk (one point per chunk).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,255}$")]
    public string Collection { get; set; } = "meditron_chunks";

    /// <summary>Name of the dense (embedding) vector of each point.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string DenseVectorName { get; set; } = "dense";

    /// <summary>Name of the sparse (BM25 terms) vector of each point.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string SparseVectorName { get; set; } = "bm25";

    /// <summary>
    /// Name of the second dense vector of each point: the chunk's text embedded alone, which answers compare with the
    /// question (so they need not embed their passages again). Collections made before it existed have none and still work.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string TextVectorName { get; set; } = "text";

    /// <summary>Size of the dense vectors (the embedding model's dimension); fixed when the collection is created.</summary>
    [Range(1, 65536)]
    public int Dimension { get; set; } = 384;

    /// <summary>
    /// Shards of the collection, fixed when it is created (by ingestion or <c>meditron index init</c>): more shards than
    /// nodes lets a cluster grow by moving shards instead of re-creating the collection.
    /// </summary>
    [Range(1, 1024)]
    public int ShardNumber { get; set; } = 1;

    /// <summary>Copies of each shard on distinct nodes, fixed when the collection is created: 2 or more survive a lost node.</summary>
    [Range(1, 64)]
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Deadline of each read (search, scroll, count) and of collection checks.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Deadline of each waited write (upsert, set-payload, delete, collection and payload-index creation): with
    /// <c>wait=true</c> and strong ordering a replicated collection answers only once every replica applied it.
    /// </summary>
    [Range(1, 3600)]
    public int WriteTimeoutSeconds { get; set; } = 60;

    /// <summary>Most points sent per upsert request.</summary>
    [Range(1, 10000)]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>
    /// Most bytes per upsert request (estimated from the points' serialized size). Qdrant accepts 32 MB gRPC messages,
    /// but proxies and ingress controllers in front of a cluster commonly stop near 8 MB or below.
    /// </summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int UpsertBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Points read per scroll page (GetChunks).</summary>
    [Range(1, 10000)]
    public int ScrollPageSize { get; set; } = 256;

    /// <summary>Retries of a call that failed with a transient gRPC status (Unavailable, DeadlineExceeded, ResourceExhausted, Aborted).</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 3;

    /// <summary>The three vectors of a point share one namespace: two with one name would overwrite each other.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] names = [DenseVectorName, SparseVectorName, TextVectorName];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            yield return new ValidationResult(
                $"Index:Qdrant:DenseVectorName, SparseVectorName and TextVectorName must differ (they are '{DenseVectorName}', '{SparseVectorName}' and '{TextVectorName}').",
                [nameof(DenseVectorName), nameof(SparseVectorName), nameof(TextVectorName)]);
        }
    }
}

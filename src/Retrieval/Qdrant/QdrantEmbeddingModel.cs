using Meditron.Core.Retrieval;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The embedding model of a collection's vectors, kept in the collection's metadata (Qdrant 1.16+): written when
/// missing (a new collection, or one made before the record), and compared with the configured model before
/// the first write or dense search.
/// </summary>
internal static class QdrantEmbeddingModel
{
    internal const string ModelKey = "meditron_embedding_model";
    internal const string DimensionKey = "meditron_embedding_dimension";

    public static Dictionary<string, Value> ToMetadata(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Dictionary<string, Value>
        {
            [ModelKey] = model.Id,
            [DimensionKey] = (long)model.Dimension,
        };
    }

    /// <summary>The recorded model; null when the metadata has no (readable) record.</summary>
    public static EmbeddingModel? FromMetadata(IDictionary<string, Value>? metadata)
    {
        if (metadata is null
            || !metadata.TryGetValue(ModelKey, out var id) || id.KindCase != Value.KindOneofCase.StringValue
            || !metadata.TryGetValue(DimensionKey, out var dimension) || dimension.KindCase != Value.KindOneofCase.IntegerValue)
        {
            return null;
        }

        return new EmbeddingModel(id.StringValue, (int)dimension.IntegerValue);
    }

    /// <summary>
    /// Whether the collection needs <paramref name="configured"/> recorded: none is yet, or an empty collection
    /// records another (nothing to mix). Vectors of another model are refused.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection holds vectors of another model.</exception>
    public static bool NeedsRecord(CollectionInfo info, EmbeddingModel configured, string collection)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(configured);
        var recorded = FromMetadata(info.Config?.Metadata);
        if (recorded == configured)
        {
            return false;
        }

        bool empty = info.PointsCount == 0;
        if (recorded is not null && !empty)
        {
            throw EmbeddingModelMismatchException.For($"Qdrant collection {collection}", "a new collection (Index:Qdrant:Collection)", recorded, configured);
        }

        return true;
    }
}

using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The collection layout the adapter needs: a named dense vector (cosine, the embedding size), a named sparse vector
/// with the IDF modifier (BM25), and the payload indexes the filters use; a new collection also gets the named dense
/// vector of each chunk's text alone (<see cref="QdrantOptions.TextVectorName"/>), which older ones lack. Pure: built and
/// checked without a server.
/// </summary>
internal static class QdrantSchema
{
    /// <summary>Creating an index that exists with the same type is a no-op in Qdrant, so the list is applied on every init.</summary>
    public static IReadOnlyList<(string Field, PayloadSchemaType Type, PayloadIndexParams? Parameters)> PayloadIndexes { get; } =
    [
        // Exact keys: the write path's filters (replace, delete, edition flips).
        (QdrantPayload.DocumentId, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Guideline, PayloadSchemaType.Keyword, null),
        // Lower-cased keys: the search filters.
        (QdrantPayload.DocumentIdFolded, PayloadSchemaType.Keyword, null),
        (QdrantPayload.GuidelineFolded, PayloadSchemaType.Keyword, null),
        (QdrantPayload.PublisherFolded, PayloadSchemaType.Keyword, null),
        (QdrantPayload.DocumentLanguageFolded, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Current, PayloadSchemaType.Bool, null),
        (QdrantPayload.Year, PayloadSchemaType.Integer, null),
        (QdrantPayload.Kind, PayloadSchemaType.Keyword, null),
        (QdrantPayload.Text, PayloadSchemaType.Text, QdrantWordCount.TextIndex),
    ];

    public static VectorParamsMap DenseVectors(QdrantOptions options) => new()
    {
        Map =
        {
            [options.DenseVectorName] = new VectorParams { Size = (ulong)options.Dimension, Distance = Distance.Cosine },
            [options.TextVectorName] = new VectorParams { Size = (ulong)options.Dimension, Distance = Distance.Cosine },
        },
    };

    /// <summary>Whether the collection keeps the chunks' text vectors (made after they were added; <see cref="Check"/> verified their size).</summary>
    public static bool HasTextVector(CollectionInfo info, QdrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        return info.Config?.Params?.VectorsConfig?.ParamsMap?.Map is { } dense && dense.ContainsKey(options.TextVectorName);
    }

    public static SparseVectorConfig SparseVectors(QdrantOptions options) => new()
    {
        Map = { [options.SparseVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } },
    };

    /// <summary>Refuses an existing collection whose vectors do not fit these options: any of them would rank wrongly, silently.</summary>
    /// <exception cref="InvalidOperationException">
    /// The collection lacks the named dense vector, or has it (or the text vector) with another size or a distance other
    /// than cosine, or lacks the named sparse vector or has it without the IDF modifier.
    /// </exception>
    public static void Check(CollectionInfo info, QdrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        string remedy = "Use another Index:Qdrant:Collection, or delete this one and re-index.";
        var parameters = info.Config?.Params;
        var dense = parameters?.VectorsConfig?.ParamsMap?.Map;
        if (dense is null || !dense.TryGetValue(options.DenseVectorName, out var vector))
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} has no dense vector named '{options.DenseVectorName}'; it was made for another configuration. {remedy}");
        }
        if (vector.Size != (ulong)options.Dimension)
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} holds {vector.Size}-dimension vectors; this configuration embeds in {options.Dimension}. {remedy}");
        }
        if (vector.Distance != Distance.Cosine)
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} compares its '{options.DenseVectorName}' vectors by {vector.Distance}; Meditron needs Cosine. {remedy}");
        }
        if (dense.TryGetValue(options.TextVectorName, out var text) && (text.Size != (ulong)options.Dimension || text.Distance != Distance.Cosine))
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} holds its '{options.TextVectorName}' vectors with {text.Size} dimensions by {text.Distance}; this configuration embeds in {options.Dimension} by Cosine. {remedy}");
        }
        if (parameters!.SparseVectorsConfig?.Map is not { } sparse || !sparse.TryGetValue(options.SparseVectorName, out var terms))
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} has no sparse vector named '{options.SparseVectorName}'; it was made for another configuration. {remedy}");
        }
        if (!terms.HasModifier || terms.Modifier != Modifier.Idf)
        {
            throw new InvalidOperationException(
                $"Qdrant collection {options.Collection} has its sparse vector '{options.SparseVectorName}' without the IDF modifier, so BM25 would rank without term rarity. {remedy}");
        }
    }
}

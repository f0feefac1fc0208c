using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

/// <summary>The embedding model in a collection's metadata, without a server (the contract tests run it against one).</summary>
public sealed class QdrantEmbeddingModelTests
{
    private static readonly EmbeddingModel MiniLm = new("all-MiniLM-L6-v2", 384);
    private static readonly EmbeddingModel E5 = new("multilingual-e5-small/model.onnx (query prefix 'query: ', passage prefix 'passage: ')", 384);

    [Fact]
    public void The_model_round_trips_through_collection_metadata()
    {
        var metadata = QdrantEmbeddingModel.ToMetadata(E5);

        Assert.Equal(E5.Id, metadata[QdrantEmbeddingModel.ModelKey].StringValue);
        Assert.Equal(384, metadata[QdrantEmbeddingModel.DimensionKey].IntegerValue);
        Assert.Equal(E5, QdrantEmbeddingModel.FromMetadata(metadata));
    }

    [Fact]
    public void Metadata_without_a_readable_record_has_no_model()
    {
        Assert.Null(QdrantEmbeddingModel.FromMetadata(null));
        Assert.Null(QdrantEmbeddingModel.FromMetadata(new Dictionary<string, Value>()));
        Assert.Null(QdrantEmbeddingModel.FromMetadata(new Dictionary<string, Value> { [QdrantEmbeddingModel.ModelKey] = "x" }));
        Assert.Null(QdrantEmbeddingModel.FromMetadata(new Dictionary<string, Value>
        {
            [QdrantEmbeddingModel.ModelKey] = 3L,
            [QdrantEmbeddingModel.DimensionKey] = 384L,
        }));
    }

    [Fact]
    public void A_collection_of_the_same_model_needs_nothing()
    {
        Assert.False(QdrantEmbeddingModel.NeedsRecord(Info(MiniLm, points: 120), MiniLm, "meditron_chunks"));
    }

    [Fact]
    public void A_collection_without_a_record_gets_one()
    {
        Assert.True(QdrantEmbeddingModel.NeedsRecord(Info(null, points: 0), MiniLm, "meditron_chunks"));
        // Made before the record (or its points written by an older version): the configured model is recorded.
        Assert.True(QdrantEmbeddingModel.NeedsRecord(Info(null, points: 120), MiniLm, "meditron_chunks"));
    }

    [Fact]
    public void A_collection_with_vectors_of_another_model_is_refused_with_both_names()
    {
        var refused = Assert.Throws<EmbeddingModelMismatchException>(() => QdrantEmbeddingModel.NeedsRecord(Info(MiniLm, points: 120), E5, "meditron_chunks"));

        Assert.Equal(MiniLm, refused.Indexed);
        Assert.Equal(E5, refused.Configured);
        Assert.StartsWith("Qdrant collection meditron_chunks holds vectors of embedding model 'all-MiniLM-L6-v2' (384 dimensions)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Index:Qdrant:Collection", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_collection_of_another_model_takes_the_new_one()
    {
        Assert.True(QdrantEmbeddingModel.NeedsRecord(Info(MiniLm, points: 0), E5, "meditron_chunks"));
    }

    private static CollectionInfo Info(EmbeddingModel? recorded, ulong points)
    {
        var config = new CollectionConfig();
        if (recorded is not null)
        {
            config.Metadata.Add(QdrantEmbeddingModel.ToMetadata(recorded));
        }
        return new CollectionInfo { Config = config, PointsCount = points };
    }
}

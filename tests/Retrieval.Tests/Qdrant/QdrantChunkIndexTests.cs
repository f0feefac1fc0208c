using Grpc.Core;
using Meditron.Core.Documents;
using Meditron.Retrieval.Qdrant;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

/// <summary>What the index decides without a server; its behaviour against Qdrant is in <see cref="QdrantContractTests"/>.</summary>
public sealed class QdrantChunkIndexTests : IDisposable
{
    // Nothing listens on port 1: these tests must fail before any call reaches the network.
    private readonly QdrantChunkIndex _index = new(
        Microsoft.Extensions.Options.Options.Create(new QdrantOptions { Endpoint = "http://127.0.0.1:1", Dimension = 4, TimeoutSeconds = 2 }),
        NullLogger<QdrantChunkIndex>.Instance);

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task Replace_refuses_a_vector_of_the_wrong_size()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _index.ReplaceDocumentAsync(
            QdrantTestData.Source(), [new EmbeddedChunk(QdrantTestData.Chunk(), new float[3])], CancellationToken.None));
    }

    [Fact]
    public async Task Replace_refuses_a_chunk_of_another_document()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _index.ReplaceDocumentAsync(
            QdrantTestData.Source(), [new EmbeddedChunk(QdrantTestData.Chunk(documentId: "other"), new float[4])], CancellationToken.None));
    }

    [Fact]
    public async Task Replace_refuses_a_repeated_chunk_number()
    {
        var chunk = new EmbeddedChunk(QdrantTestData.Chunk(), new float[4]);
        await Assert.ThrowsAsync<ArgumentException>(() => _index.ReplaceDocumentAsync(QdrantTestData.Source(), [chunk, chunk], CancellationToken.None));
    }

    [Fact]
    public void A_missing_collection_reads_as_nothing_indexed_yet()
    {
        var e = QdrantChunkIndex.NothingIndexed(new QdrantOptions { Collection = "guidelines", Endpoint = "http://qdrant:6334" });

        Assert.StartsWith("Nothing is indexed yet", e.Message, StringComparison.Ordinal);
        Assert.Contains("guidelines", e.Message, StringComparison.Ordinal);
        Assert.Contains("meditron index init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_with_nothing_to_match_returns_no_hits_without_asking_the_server()
    {
        var hits = await _index.SearchAsync(
            new Core.Retrieval.IndexQuery("... ?!", null, Core.Retrieval.SearchMode.Bm25, 5, new Core.Retrieval.IndexFilter()), CancellationToken.None);

        Assert.Empty(hits);
    }

    [Theory]
    [InlineData(StatusCode.AlreadyExists, "Collection `x` already exists!", true)]
    [InlineData(StatusCode.InvalidArgument, "Wrong input: Collection `x` already exists!", true)]
    [InlineData(StatusCode.InvalidArgument, "Wrong input: bad vector size", false)]
    [InlineData(StatusCode.Unavailable, "already exists", false)]
    public void Creation_races_are_recognised_on_old_and_new_servers(StatusCode code, string detail, bool expected)
    {
        Assert.Equal(expected, QdrantRetry.IsAlreadyExists(new RpcException(new Status(code, detail))));
    }

    [Fact]
    public async Task Payload_indexes_are_retried_while_a_collection_made_elsewhere_is_not_ready()
    {
        var logger = new RecordingLogger<QdrantChunkIndex>();
        var retry = QdrantRetry.NotReady("guidelines", logger);
        int calls = 0;

        await retry.ExecuteAsync(_ =>
        {
            if (++calls < 3)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "shards loading"));
            }
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(3, calls);
        Assert.Equal(
            ["retry 1 in 200 ms", "retry 2 in 400 ms"],
            logger.Entries.Where(e => e.EventId == 3107).Select(e => e.Text[e.Text.IndexOf("retry", StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task Payload_index_errors_other_than_not_ready_are_not_retried()
    {
        var logger = new RecordingLogger<QdrantChunkIndex>();
        var retry = QdrantRetry.NotReady("guidelines", logger);
        var denied = new RpcException(new Status(StatusCode.PermissionDenied, "no"));
        int calls = 0;

        var thrown = await Assert.ThrowsAsync<RpcException>(async () => await retry.ExecuteAsync(_ =>
        {
            calls++;
            throw denied;
        }, CancellationToken.None));

        Assert.Same(denied, thrown);
        Assert.Equal(1, calls);
        Assert.Empty(logger.Entries);
    }

    private static CollectionInfo Info(string dense = "dense", ulong size = 4, string sparse = "bm25", Distance distance = Distance.Cosine, Modifier? modifier = Modifier.Idf)
    {
        var sparseParams = new SparseVectorParams();
        if (modifier is { } m)
        {
            sparseParams.Modifier = m;
        }
        return new()
        {
            Config = new CollectionConfig
            {
                Params = new CollectionParams
                {
                    VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { [dense] = new VectorParams { Size = size, Distance = distance } } } },
                    SparseVectorsConfig = new SparseVectorConfig { Map = { [sparse] = sparseParams } },
                },
            },
        };
    }

    [Fact]
    public void An_existing_collection_with_another_distance_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(Info(distance: Distance.Dot), new QdrantOptions { Dimension = 4 }));
        Assert.Contains("Dot", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cosine", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Modifier.None)]
    public void An_existing_collection_whose_sparse_vector_lacks_idf_is_refused(Modifier? modifier)
    {
        var e = Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(Info(modifier: modifier), new QdrantOptions { Dimension = 4 }));
        Assert.Contains("IDF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_collection_is_made_as_the_check_expects()
    {
        var options = new QdrantOptions { Dimension = 4 };
        var info = new CollectionInfo
        {
            Config = new CollectionConfig
            {
                Params = new CollectionParams
                {
                    VectorsConfig = new VectorsConfig { ParamsMap = QdrantSchema.DenseVectors(options) },
                    SparseVectorsConfig = QdrantSchema.SparseVectors(options),
                },
            },
        };

        QdrantSchema.Check(info, options);
    }

    [Fact]
    public void A_new_collection_keeps_text_vectors_and_one_made_before_them_is_accepted_without()
    {
        var options = new QdrantOptions { Dimension = 4 };
        var made = QdrantSchema.DenseVectors(options).Map;

        Assert.Equal(["dense", "text"], made.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4ul, made["text"].Size);
        Assert.Equal(Distance.Cosine, made["text"].Distance);
        Assert.False(QdrantSchema.HasTextVector(Info(), options));
        var withText = Info();
        withText.Config.Params.VectorsConfig.ParamsMap.Map["text"] = new VectorParams { Size = 4, Distance = Distance.Cosine };
        QdrantSchema.Check(withText, options);
        Assert.True(QdrantSchema.HasTextVector(withText, options));
    }

    [Fact]
    public void An_existing_collection_whose_text_vector_does_not_fit_is_refused()
    {
        var info = Info();
        info.Config.Params.VectorsConfig.ParamsMap.Map["text"] = new VectorParams { Size = 768, Distance = Distance.Cosine };

        var e = Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(info, new QdrantOptions { Dimension = 4 }));
        Assert.Contains("'text'", e.Message, StringComparison.Ordinal);
        Assert.Contains("768", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_filtered_field_has_a_payload_index()
    {
        var indexed = QdrantSchema.PayloadIndexes.Select(i => i.Field).ToHashSet();
        var filter = QdrantFilterMapper.ToFilter(new Core.Retrieval.IndexFilter
        {
            Publishers = ["a"], Languages = ["a"], GuidelineKeys = ["a"], DocumentIds = ["a"], YearFrom = 1, GuidanceOnly = true,
        });

        Assert.All(filter.Must.Concat(filter.MustNot).Select(c => c.Field.Key), key => Assert.Contains(key, indexed));
        Assert.Contains("document_id", indexed);
        Assert.Contains("guideline", indexed);
    }

    [Fact]
    public void An_existing_collection_made_for_these_options_is_accepted()
    {
        QdrantSchema.Check(Info(), new QdrantOptions { Dimension = 4 });
    }

    [Fact]
    public void An_existing_collection_of_another_dimension_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(Info(size: 768), new QdrantOptions { Dimension = 4 }));
        Assert.Contains("768", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_collection_with_other_vector_names_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(Info(dense: "other"), new QdrantOptions { Dimension = 4 }));
        Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(Info(sparse: "other"), new QdrantOptions { Dimension = 4 }));
        Assert.Throws<InvalidOperationException>(() => QdrantSchema.Check(new CollectionInfo(), new QdrantOptions { Dimension = 4 }));
    }
}
